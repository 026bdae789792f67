/**
 * The command declarations (src/cli/commands/) are the one source of the help, the README's
 * command table and the completion: the README's table is what they give (npm run docs:cli
 * rewrites it), their defaults are the code's, and every worked example runs against them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/format.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { maxPaths, paths } from '../../src/cli/commands/options.js';
import { README_BEGIN, README_END, readmeCommandTable } from '../../src/cli/help.js';
import { runCli } from '../../src/cli/program.js';
import { DEFAULT_MAX_PATHS, DEFAULT_PATHS } from '../../src/project.js';

/** Files a word names: one, or those a `*` in its last part matches (fs.globSync is Node 22). */
function matches(word: string): number {
  if (!word.includes('*')) return Number(existsSync(word));
  const re = new RegExp(`^${basename(word).split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return readdirSync(dirname(word)).filter((f) => re.test(f)).length;
}

describe('the README', () => {
  it('holds the command table the declarations give (else: npm run docs:cli)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const b = readme.indexOf(README_BEGIN), e = readme.indexOf(README_END);
    expect(b).toBeGreaterThan(0);
    expect(e).toBeGreaterThan(b);
    expect(readme.slice(b + README_BEGIN.length, e)).toBe(`\n${readmeCommandTable(COMMANDS)}\n`);
  });

  it('the table names every command and option', () => {
    const table = readmeCommandTable(COMMANDS);
    for (const c of COMMANDS) {
      expect(table).toContain(`\`trade-sim ${c.name}`);
      for (const o of c.options) expect(table).toContain(`--${o.long}`);
    }
  });
});

describe('the declarations', () => {
  it("--paths's stated default is the run's", () => expect(paths.default).toBe(groupThousands(DEFAULT_PATHS)));
  it("--max-paths's stated default is the run's", () => expect(maxPaths.default).toBe(groupThousands(DEFAULT_MAX_PATHS)));

  it.each(COMMANDS.map((c) => ({ name: c.name, c })))('$name: one meaning per flag, a default for every option', ({ c }) => {
    const flags = c.options.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]);
    expect(new Set(flags).size).toBe(flags.length);
    expect(flags).not.toContain('help');
    expect(flags).not.toContain('h');
    for (const o of c.options) expect(o.default.length, o.long).toBeGreaterThan(0);
  });

  const examples = COMMANDS.flatMap((c) => c.examples.map((e) => ({ name: c.name, command: e.command })));

  it.each(examples)('$command: parses, runs $name, and names files of the library', async ({ name, command }) => {
    const words = command.split(' ');
    expect(words[0]).toBe('trade-sim');
    const ran: string[] = [];
    const commands = COMMANDS.map((c) => ({ ...c, action: async () => { ran.push(c.name); } }));
    expect(await runCli(words.slice(1), commands)).toBe(0);
    expect(ran).toEqual([name]);
    for (const w of words.filter((x) => x.startsWith('scenarios/'))) {
      expect(matches(w), w).toBeGreaterThan(0);
    }
  });
});
