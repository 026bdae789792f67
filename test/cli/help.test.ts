/**
 * The help: `trade-sim --help`, `trade-sim help COMMAND` and `trade-sim COMMAND --help` exit 0 and
 * show every option of the command with its default and unit, and the command's examples.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { cli } from '../helpers/scenario-files.js';

/** Help text with commander's line wrapping undone, so that a phrase split over lines matches. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each(COMMANDS.map((c) => ({ name: c.name, c })))('trade-sim $name', ({ c }) => {
  const viaFlag = cli([c.name, '--help']);
  const viaHelp = cli(['help', c.name]);

  it('--help exits 0 and prints to stdout only', () => {
    expect(viaFlag.code, viaFlag.stderr).toBe(0);
    expect(viaFlag.stderr).toBe('');
    expect(viaFlag.stdout).toContain(`Usage: trade-sim ${c.name}`);
  });

  it('help COMMAND says the same', () => {
    expect(viaHelp.code, viaHelp.stderr).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });

  it.each(c.options.map((o) => ({ long: o.long, o })))('lists --$long with its default and unit', ({ o }) => {
    const text = flat(viaFlag.stdout);
    expect(text).toContain(`--${o.long}${o.value ? ` <${o.value}>` : ''}`);
    if (o.short) expect(text).toContain(`-${o.short}, --${o.long}`);
    expect(text).toContain(`default: ${o.default}`);
    if (o.unit) expect(text).toContain(`unit: ${o.unit}`);
  });

  it('shows two or three worked examples', () => {
    expect(c.examples.length).toBeGreaterThanOrEqual(2);
    expect(c.examples.length).toBeLessThanOrEqual(3);
    for (const e of c.examples) expect(viaFlag.stdout).toContain(`$ ${e.command}\n`);
  });
});

describe('trade-sim --help', () => {
  it('exits 0 and lists every command, help and the exit codes', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} `, 'm'));
      expect(r.stdout).toMatch(/^ {2}help \[COMMAND\]/m);
      expect(r.stdout).toContain('Exit codes: 0 done; 2 bad input');
    }
  });

  it('with no command, prints the help to stderr and exits 2', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: trade-sim');
  });

  it('--version and -v print the name and version', () => {
    for (const flag of ['--version', '-v']) {
      const r = cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^trade-sim \d+\.\d+\.\d+\n$/);
    }
  });
});
