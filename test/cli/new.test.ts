/**
 * `trade-sim new NAME --from FILE`: the file it writes extends FILE, validates as written, and
 * holds FILE's levers (agreements' probability and delay, corridor dates, growth and tariffs)
 * commented out with their current values and sources: uncommented, they give FILE's numbers
 * back. It never overwrites a file, and leaves nothing behind when it refuses.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { prepareScenario } from '../../src/project.js';
import { cli, TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());
const BASE = resolve('scenarios/baseline-pk.yaml');

const get = (doc: unknown, path: string[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], doc);

describe('trade-sim new', () => {
  writeFileSync(join(dir.path, 'a-file.txt'), 'not a folder\n');
  const r = cli(['new', 'pk-my-question', '--from', BASE, '--dir', 'variants'], dir.path);
  const file = join(dir.path, 'variants', 'pk-my-question.yaml');

  it('writes NAME.yaml in --dir, extending FILE by a relative path', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote variants/pk-my-question.yaml');
    const text = readFileSync(file, 'utf8');
    const ext = /^extends: (.+)$/m.exec(text)?.[1];
    expect(ext).toBeDefined();
    expect(ext?.startsWith('/')).toBe(false);
    expect(resolve(dir.path, 'variants', ext as string)).toBe(BASE);
    expect(text).toMatch(/^name: pk-my-question$/m);
    expect(text).toMatch(/^question: ""/m);
  });

  it('validates as written (the CLI and the loader), and is the base scenario but for its name and words', () => {
    const v = cli(['validate', file, '--strict']);
    expect(v.code, v.stderr).toBe(0);
    const variant = prepareScenario(file).loaded.raw, base = prepareScenario(BASE).loaded.raw;
    // `history` is rebased by the loader onto the variant's folder: the same file.
    const { name: _a, title: _b, question: _c, description: _d, history: h1, ...rest } = variant;
    const { name: _e, title: _f, question: _g, description: _h, history: h2, ...baseRest } = base;
    expect(rest).toEqual(baseRest);
    expect(resolve(dir.path, 'variants', h1 as string)).toBe(resolve('scenarios', h2 as string));
  });

  it('lists the levers with the values and sources they have in FILE: uncommented, they change nothing', () => {
    const text = readFileSync(file, 'utf8');
    // The commented blocks are YAML once their "# " is taken off (inline notes stay comments).
    const uncommented = text.split('\n').map((l) => (/^# {0,}(agreements|corridors|defaults|byDirection|flows):|^# {2}/.test(l) ? l.slice(2) : l)).join('\n');
    const open = join(dir.path, 'variants', 'all-levers.yaml');
    writeFileSync(open, uncommented.replace('name: pk-my-question', 'name: all-levers'));
    // `own`: what the file itself sets, before merging over FILE.
    const own: unknown = parse(uncommented), lever = prepareScenario(open).loaded.raw, base = prepareScenario(BASE).loaded.raw;
    const agreements = Object.keys(base.agreements as object);
    expect(agreements.length).toBeGreaterThan(3);
    for (const a of agreements) {
      for (const f of ['probability', 'delay']) {
        expect(text, `agreements.${a}.${f}`).toMatch(new RegExp(`^# {5}${f}: `, 'm'));
        expect(get(base, ['agreements', a, f]), `${a}.${f}`).toBeDefined();
        expect(get(own, ['agreements', a, f]), `${a}.${f}`).toEqual(get(base, ['agreements', a, f]));
      }
    }
    for (const [c, spec] of Object.entries(base.corridors as Record<string, Record<string, unknown>>)) {
      for (const f of ['opens', 'reopens']) if (f in spec) expect(get(own, ['corridors', c, f]), `${c}.${f}`).toEqual(spec[f]);
    }
    expect(text).toMatch(/^# {5}growth: \{ .*(source|assumption): /m);
    expect(text).toMatch(/^# {7}tariff: \{ value: \{ "2026": .*source: /m);
    expect(get(own, ['byDirection', 'PK>KZ', 'growth'])).toEqual(get(base, ['byDirection', 'PK>KZ', 'growth']));
    expect(get(own, ['flows', 'textiles', 'KZ>PK', 'tariff'])).toEqual(get(base, ['flows', 'textiles', 'KZ>PK', 'tariff']));
    // The uncommented levers parse as the same numbers: the file's sha256 differs only by name.
    const { name: _n, ...l } = lever;
    const { name: _m, ...v } = prepareScenario(file).loaded.raw;
    expect(l).toEqual(v);
  });

  it('refuses to overwrite (exit 2), leaving the file as it was and nothing else behind', () => {
    const before = readFileSync(file, 'utf8');
    const again = cli(['new', 'pk-my-question', '--from', BASE, '--dir', 'variants'], dir.path);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('error: new: variants/pk-my-question.yaml exists; it is not overwritten');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(join(dir.path, 'variants')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it.each([
    [['new', 'bad name', '--from', BASE], 'new: NAME: expected a letter, then letters, digits, - or _'],
    [['new', 'x'], 'new: --from: expected the scenario file the variant extends, found none'],
    [['new', 'x', '--from', 'missing.yaml'], 'missing.yaml: cannot read the scenario file'],
    // Were "internal error: EEXIST ..." and "... ENOTDIR ...", exit 1.
    [['new', 'x', '--from', BASE, '--dir', 'a-file.txt'], 'error: new: --dir a-file.txt: expected a folder (created if missing), found a file there or on its way'],
    [['new', 'x', '--from', BASE, '--dir', 'a-file.txt/sub'], 'error: new: --dir a-file.txt/sub: expected a folder (created if missing), found a file there or on its way'],
  ])('%j exits 2: "%s"', (args, message) => {
    const bad = cli(args, dir.path);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(message);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.yaml'))).toEqual([]);
  });
});
