/**
 * Scenario files built to hang, exhaust memory, overflow the stack or slip past validation: each
 * is refused promptly with exit 2, a message naming the file and what was wrong (without echoing
 * a foreign file's contents), no stack trace, and `run` leaves nothing on disk.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TempDir } from '../helpers/scenario-files.js';
import { expectRunWritesNothing, expectValidateRefuses } from '../helpers/bad-input.js';
import { MAX_DEPTH, MAX_EXPRESSION_LENGTH, MAX_FILE_BYTES, MAX_FLOWS } from '../../src/scenario/limits.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const HEAD = `name: hostile
start: 2026-01
horizon: 5
target: { value: 1B, year: 2030 }
`;
const FLOW = '{ base: 60M, growth: 0.1, volatility: 0.3 }';
const GOOD = `${HEAD}flows:\n  textiles:\n    PK>KZ: ${FLOW}\n`;
const withTariff = (tariff: string) => GOOD.replace('volatility: 0.3 }', `volatility: 0.3, tariff: "${tariff}" }`);

const aliasBomb = () => {
  let s = `${GOOD}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
  for (let i = 1; i < 9; i++) s += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return s;
};
/** Under yaml's own alias count, but a large anchor repeated: about 70 MB once expanded. */
const aliasAmplifier = () => `${GOOD}big: &big [${Array(90).fill(`"${'x'.repeat(9_000)}"`).join(', ')}]\nmore: [${Array(80).fill('*big').join(', ')}]\n`;

function manyFlows(n: number): string {
  let s = `${HEAD}defaults: { growth: 0.1, volatility: 0.3 }\nflows:\n`;
  for (let i = 0; i < n; i++) s += `  s${i}: { PK>KZ: { base: 1M } }\n`;
  return s;
}

interface Case {
  name: string;
  files: Record<string, string>;
  /** Special files to create in the case's folder: name -> 'fifo'. */
  fifo?: string;
  args?: string[];
  expect: Array<string | RegExp>;
  /** Text that must not appear in the output (a foreign file's contents). */
  secret?: string;
}

const cases: Case[] = [
  {
    name: 'extends names a FIFO',
    files: { 'main.yaml': `extends: pipe\nname: x\n` },
    fifo: 'pipe',
    expect: ['pipe: cannot read the scenario file: it is a named pipe, not a regular file', 'named in "extends" of'],
  },
  {
    name: 'history names a FIFO',
    files: { 'main.yaml': `history: pipe\n${GOOD}` },
    fifo: 'pipe',
    expect: ['pipe: cannot read the history file: it is a named pipe, not a regular file'],
  },
  {
    name: 'extends names /dev/zero',
    files: { 'main.yaml': 'extends: /dev/zero\nname: x\n' },
    expect: ['dev/zero: cannot read the scenario file: it is a device, not a regular file'],
  },
  {
    name: 'extends names a folder',
    files: { 'main.yaml': 'extends: .\nname: x\n' },
    expect: ['cannot read the scenario file: it is a folder, not a regular file'],
  },
  {
    name: 'extends is a number',
    files: { 'main.yaml': `extends: 5\n${GOOD}` },
    expect: ['main.yaml:1:10: extends: expected the path of the scenario file to start from (text), found number 5'],
  },
  {
    name: 'extends is a list',
    files: { 'main.yaml': `extends: [a.yaml]\n${GOOD}` },
    expect: ['main.yaml:1:10: extends: expected the path', 'found a list of 1'],
  },
  {
    name: 'extends is a mapping',
    files: { 'main.yaml': `extends: { file: a.yaml }\n${GOOD}` },
    expect: ['main.yaml:1:10: extends: expected the path', 'found an object with fields "file"'],
  },
  {
    name: 'a file over the size cap',
    files: { 'main.yaml': `${GOOD}description: "${'x'.repeat(MAX_FILE_BYTES)}"\n` },
    expect: [`main.yaml: cannot read the scenario file: it is larger than the limit of 1 MiB (${MAX_FILE_BYTES + GOOD.length + 16} bytes)`],
  },
  {
    name: 'a text file that is not a scenario',
    files: { 'main.yaml': 'root:x:0:0:SECRET-PASSWORD-123:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n' },
    expect: ['main.yaml:1:1: expected a scenario', 'found a single text value'],
    secret: 'SECRET-PASSWORD-123',
  },
  {
    name: 'a mapping that is not a scenario',
    files: { 'main.yaml': 'api_key: SECRET-KEY-456\nhost: example.org\n' },
    expect: ['main.yaml:1:1: expected a scenario', 'found a mapping with none of those fields'],
    secret: 'SECRET-KEY-456',
  },
  {
    name: 'a binary file',
    files: { 'main.yaml': 'name: x\0\0\0SECRET-BYTES\n' },
    expect: ['main.yaml: cannot read the scenario file: it is not a text file (it holds NUL bytes)'],
    secret: 'SECRET-BYTES',
  },
  {
    name: 'an amount of 4,000 spaces',
    files: { 'main.yaml': GOOD.replace('base: 60M', `base: "${' '.repeat(4000)}"`) },
    expect: ['main.yaml:7:', 'flows.textiles.PK>KZ.base', 'expected a number or an amount'],
  },
  {
    name: 'an expression of 10,000 spaces',
    files: { 'main.yaml': withTariff(' '.repeat(10_000)) },
    expect: ['flows.textiles.PK>KZ.tariff', `it is 10000 characters long; the limit is ${MAX_EXPRESSION_LENGTH}`],
  },
  {
    name: 'an expression of 2,000 terms',
    files: { 'main.yaml': withTariff(Array(2000).fill('0.001').join('+')) },
    expect: ['flows.textiles.PK>KZ.tariff', 'expected text of at most 10000 characters, found 11999'],
  },
  {
    name: 'an expression 400 parentheses deep',
    files: { 'main.yaml': withTariff(`${'('.repeat(400)}t${')'.repeat(400)}`) },
    expect: ['flows.textiles.PK>KZ.tariff', 'it is nested too deeply'],
  },
  {
    name: 'a mapping 40 levels deep',
    files: { 'main.yaml': `${GOOD}description: ${'{a: '.repeat(40)}1${'}'.repeat(40)}\n` },
    expect: [/main\.yaml:\d+:\d+: description\.a\.a/, `expected at most ${MAX_DEPTH} levels of nesting, found more`],
  },
  {
    name: 'a list 2,000 levels deep',
    files: { 'main.yaml': `${GOOD}description: ${'['.repeat(2000)}${']'.repeat(2000)}\n` },
    expect: [/main\.yaml:\d+:\d+: /, `expected at most ${MAX_DEPTH} levels of nesting, found more`],
  },
  {
    name: 'an alias bomb',
    files: { 'main.yaml': aliasBomb() },
    expect: ['main.yaml:1:1: expected a scenario of at most 2097152 characters once aliases (*name) are expanded, found about'],
  },
  {
    name: 'a large anchor repeated by aliases',
    files: { 'main.yaml': aliasAmplifier() },
    expect: ['main.yaml:1:1: expected a scenario of at most 2097152 characters once aliases'],
  },
  {
    name: 'an alias nested inside its own anchor',
    files: { 'main.yaml': `${GOOD}loop: &l [1, *l]\n` },
    expect: ['main.yaml:', 'the alias *l refers to the mapping or list that holds it'],
  },
  {
    name: 'a __proto__ key at the top',
    files: { 'main.yaml': `${GOOD}__proto__: { horizon: 8 }\n` },
    expect: ['main.yaml:8:1: __proto__: a key named "__proto__" is not allowed'],
  },
  {
    name: 'a flow named __proto__',
    files: { 'main.yaml': `${GOOD}  __proto__:\n    PK>KZ: ${FLOW}\n` },
    expect: ['main.yaml:8:3: flows.__proto__: a key named "__proto__" is not allowed'],
  },
  {
    name: 'a key written twice',
    files: { 'main.yaml': `${GOOD}horizon: 8\n` },
    expect: ['main.yaml:8:1: horizon: the key "horizon" appears twice in this mapping'],
  },
  {
    name: 'too many flows',
    files: { 'main.yaml': manyFlows(3 * MAX_FLOWS) },
    expect: ['main.yaml:7:3: flows: expected at most 1000 flows (sector and direction pairs), found 3000'],
  },
];

describe.each(cases)('$name', (c) => {
  const sub = join(dir.path, c.name.replace(/\W+/g, '-'));
  for (const [name, text] of Object.entries(c.files)) dir.file(join(sub.slice(dir.path.length + 1), name), text);
  if (c.fifo) execFileSync('mkfifo', [join(sub, c.fifo)]);

  it('validate exits 2 promptly with a located message, no stack trace', () => {
    const t0 = Date.now();
    const r = expectValidateRefuses(join(sub, 'main.yaml'), dir.path, c.expect);
    expect(r.stderr).not.toContain('internal error');
    if (c.secret) expect(r.stderr + r.stdout).not.toContain(c.secret);
    // A hang or a runaway allocation would take minutes; a refusal takes about a second.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('run exits 2 and writes nothing', () => {
    expectRunWritesNothing(join(sub, 'main.yaml'), sub, dir.path);
  });
});

describe('within the limits', () => {
  it(`validates ${MAX_FLOWS} flows`, () => {
    const f = dir.file('max-flows.yaml', manyFlows(MAX_FLOWS));
    const r = cli(['validate', f], dir.path);
    expect(r.code, r.stderr.slice(0, 500)).toBe(0);
    expect(r.stdout).toContain(`${MAX_FLOWS} flows`);
  });

  it('expands aliases that stay small', () => {
    const f = dir.file('aliases.yaml', `${HEAD}defaults: &d { growth: 0.1, volatility: 0.3 }\nflows:\n  a: { PK>KZ: { base: 1M } }\nbyDirection: { KZ>PK: *d }\n`);
    const r = cli(['validate', f], dir.path);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('validate --strict', () => {
  it('prints each error once, and no "ok" for a file it rejects', () => {
    const f = dir.file('bare.yaml', GOOD);
    const r = cli(['validate', '--strict', f], dir.path);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
    expect(r.stderr).toContain(`${lines.length} problem${lines.length === 1 ? '' : 's'} found`);
    expect(r.stdout).toBe('');
  });
});
