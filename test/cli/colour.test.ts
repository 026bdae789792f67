/** Colour only on a terminal, never with NO_COLOR set: the rule, and the CLI under a pseudo-terminal. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colourOn } from '../../src/cli/colour.js';
import { CLI } from '../helpers/scenario-files.js';

const tty = { isTTY: true, hasColors: () => true };

describe('colourOn', () => {
  it('is on for a terminal that has colours', () => expect(colourOn(tty, {})).toBe(true));
  it('is off for a pipe or file', () => expect(colourOn({ isTTY: false, hasColors: () => true }, {})).toBe(false));
  it('is off for a terminal without colours', () => expect(colourOn({ isTTY: true, hasColors: () => false }, {})).toBe(false));
  it('is off with NO_COLOR set to anything, even with FORCE_COLOR', () => {
    expect(colourOn(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colourOn(tty, { NO_COLOR: 'no', FORCE_COLOR: '3' })).toBe(false);
  });
  it('an empty NO_COLOR counts as unset (no-color.org)', () => expect(colourOn(tty, { NO_COLOR: '' })).toBe(true));
});

// util-linux's `script` runs the CLI on a pseudo-terminal, as a user's shell would.
describe.skipIf(!existsSync('/usr/bin/script'))('the help on a terminal', () => {
  const onTerminal = (env: NodeJS.ProcessEnv) => {
    const r = spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${CLI}" run --help`, '/dev/null'], {
      encoding: 'utf8', env: { ...env, TERM: 'xterm-256color' },
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  // Node reports a terminal as colourless when CI is set (tty.getColorDepth): a user's shell has no CI.
  const { NO_COLOR: _n, FORCE_COLOR: _f, CI: _ci, ...plain } = process.env;

  it('has bold headings', () => expect(onTerminal(plain)).toContain('\x1b[1mUsage:\x1b[22m'));
  it('has none with NO_COLOR set', () => {
    const out = onTerminal({ ...plain, NO_COLOR: '1' });
    expect(out).toContain('Usage: trade-sim run');
    expect(out).not.toContain('\x1b[');
  });
});
