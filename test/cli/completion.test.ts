/**
 * `trade-sim completion bash|zsh`: bash completes commands, each command's own options, folders
 * after --out and scenario files where a command takes them (run in a real bash, as the shell
 * calls it); the zsh script parses and registers itself with compinit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const bashScript = cli(['completion', 'bash']);
const zshScript = cli(['completion', 'zsh']);
dir.file('bash.sh', bashScript.stdout);
for (const f of ['a.yaml', 'b.yml', 'c.json', 'notes.txt', 'sub/d.yaml']) dir.file(join('tree', f), 'x');

/** COMPREPLY for a command line whose last word is being completed, in the folder `tree`. */
function complete(...words: string[]): string[] {
  const script = `source ${JSON.stringify(join(dir.path, 'bash.sh'))}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_trade_sim; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { cwd: join(dir.path, 'tree'), encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '').sort();
}

describe('bash', () => {
  it('prints a script that bash accepts', () => {
    expect(bashScript.code).toBe(0);
    expect(spawnSync('bash', ['-n', join(dir.path, 'bash.sh')]).status).toBe(0);
    expect(bashScript.stdout).toContain("echo 'source <(trade-sim completion bash)' >> ~/.bashrc");
  });

  it('completes the commands', () => {
    expect(complete('trade-sim', '')).toEqual([...COMMANDS.map((c) => c.name), 'help', '--help', '--version'].sort());
    expect(complete('trade-sim', 'co')).toEqual(['compare', 'completion']);
    expect(complete('trade-sim', 'help', 'v')).toEqual(['validate']);
  });

  it.each(COMMANDS.map((c) => ({ name: c.name, c })))('completes the options of $name, and only those', ({ c }) => {
    const flags = c.options.flatMap((o) => [`--${o.long}`, ...(o.short ? [`-${o.short}`] : [])]);
    expect(complete('trade-sim', c.name, '-')).toEqual([...flags, '--help', '-h'].sort());
  });

  it('completes scenario files and folders, a folder after --out, and a shell after completion', () => {
    expect(complete('trade-sim', 'run', '')).toEqual(['a.yaml', 'b.yml', 'c.json', 'sub']);
    expect(complete('trade-sim', 'compare', 'a.yaml', '')).toEqual(['a.yaml', 'b.yml', 'c.json', 'sub']);
    expect(complete('trade-sim', 'run', 'a.yaml', '--out', '')).toEqual(['sub']);
    expect(complete('trade-sim', 'new', 'x', '--from', '')).toEqual(['a.yaml', 'b.yml', 'c.json', 'sub']);
    expect(complete('trade-sim', 'run', '--paths', '')).toEqual([]);
    expect(complete('trade-sim', 'completion', '')).toEqual(['bash', 'zsh']);
  });
});

describe.skipIf(!existsSync('/usr/bin/zsh') && process.env.CI !== 'true')('zsh (apt-get install zsh)', () => {
  it('parses, and registers _trade_sim for trade-sim under compinit', () => {
    expect(zshScript.code).toBe(0);
    const file = dir.file('zsh.zsh', zshScript.stdout);
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const r = spawnSync('zsh', ['-fc', `autoload -Uz compinit && compinit -u -D && source ${file} && print -r -- $_comps[trade-sim]`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('_trade_sim');
  });

  it('declares each option of each command', () => {
    for (const c of COMMANDS) for (const o of c.options) expect(zshScript.stdout, `${c.name} --${o.long}`).toContain(`--${o.long}`);
  });
});

it('refuses another shell with exit 2', () => {
  const r = cli(['completion', 'fish']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('completion: expected one of bash, zsh, found fish');
});
