/**
 * scenarios/history.yaml: every observation is a figure read from a cited page, and the reader
 * (src/scenario/history.ts) gives charts the whole years and, for years without one, the
 * longest partial period, marked as partial.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartPoints, readHistoryFile } from '../../src/scenario/history.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { prepareScenario } from '../../src/project.js';

const FILE = join(import.meta.dirname, '../../scenarios/history.yaml');
const history = readHistoryFile(FILE);

/** The USD amounts written in a printed text: "$185.25 million", "$59.55m", "89,6 миллион", "57 млн". */
function printedMillions(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)?)\s*(million|milioni|миллион|млн|m\b)/gi)) {
    out.push(Number((m[1] as string).replace(',', '.')) * 1e6);
  }
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe('the library history file', () => {
  const points = history.series.flatMap((s) => s.points.map((p) => ({ series: s.id, ...p })));
  const raw = readFileSync(FILE, 'utf8');

  it('holds both reporters, by direction and in total, and says where it looked for the gaps', () => {
    const ids = history.series.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['pakistan-sbp', 'pakistan-sbp-exports', 'pakistan-sbp-imports', 'kazakhstan-stat', 'kazakhstan-stat-exports', 'kazakhstan-stat-imports']));
    expect(raw).toMatch(/^gaps: /m);
    expect(raw).not.toMatch(/shared\//);
  });

  it('every point cites a web page and keeps the figure as printed', () => {
    for (const p of points) {
      expect(p.source, `${p.series} ${p.year}`).toMatch(/https?:\/\/\S+/);
      expect(p.printed, `${p.series} ${p.year}`).toBeTruthy();
      expect(p.period, `${p.series} ${p.year}`).toBeTruthy();
    }
  });

  it('a value is the figure printed, or the sum of the figures printed that it says it sums', () => {
    // The reader does not keep `sumOf`; read it from the YAML as written.
    const doc = parse(raw) as { series: Record<string, { points: Array<{ sumOf?: string[] }> }> };
    for (const s of history.series) {
      for (const [k, p] of s.points.entries()) {
        const where = `${s.id} ${p.year} ${p.period}`;
        const sumOf = doc.series[s.id]?.points[k]?.sumOf;
        if (sumOf) {
          const parts = sumOf.map((t) => printedMillions(t)[0] ?? NaN);
          for (const t of sumOf) expect(p.printed, where).toContain(t.replace(/^\$/, ''));
          expect(close(p.value, parts.reduce((a, b) => a + b, 0)), where).toBe(true);
        } else {
          expect(printedMillions(p.printed!).some((v) => close(v, p.value)), `${where}: ${p.printed} vs ${p.value}`).toBe(true);
        }
      }
    }
  });

  it('has at most one whole-year figure per series and year, and partial years say their months', () => {
    for (const s of history.series) {
      const whole = s.points.filter((p) => p.months === undefined).map((p) => p.year);
      expect(new Set(whole).size, s.id).toBe(whole.length);
      for (const p of s.points.filter((q) => q.months !== undefined)) expect(p.period).toMatch(/[A-Z][a-z]+/);
    }
  });

  it('whole years where the pages give them: Pakistan FY2024-FY2025 by direction (SBP) and FY2021-FY2022 (government), Kazakhstan 2021-2024', () => {
    const whole = (id: string) => history.series.find((s) => s.id === id)!.points.filter((p) => p.months === undefined).map((p) => [p.year, p.value]);
    expect(whole('pakistan-sbp-exports')).toEqual([[2024, 185.25e6], [2025, 97.96e6]]);
    expect(whole('pakistan-sbp-imports')).toEqual([[2024, 0.677e6], [2025, 129.63e6]]);
    expect(whole('kazakhstan-stat')).toEqual([[2021, 95e6], [2022, 73.5e6], [2023, 52.5e6], [2024, 53.7e6]]);
    // Pakistan's government figures whose statistics (SBP or PBS) the pages do not name: a series of their own.
    expect(whole('pakistan-gov')).toEqual([[2021, 104e6], [2022, 219.12e6]]);
    expect(whole('pakistan-gov-exports')).toEqual([[2021, 103.5e6]]);
  });

  it('every series names its reporter, and one whose reporter no page states says so in its label', () => {
    const doc = parse(raw) as { series: Record<string, { label: string; reporter?: string }> };
    const notStated = Object.entries(doc.series).filter(([, s]) => /not stated/i.test(s.reporter ?? ''));
    expect(notStated.map(([id]) => id).sort()).toEqual(['kz-envoy-not-stated', 'pakistan-pbc-2016', 'pk-envoy-not-stated']);
    for (const [id, s] of Object.entries(doc.series)) {
      expect(s.reporter, id).toBeTruthy();
      if (/not stated/i.test(s.reporter!)) expect(s.label, id).toMatch(/not stated/i);
    }
  });
});

describe('what charts draw', () => {
  const drawn = chartPoints(history);

  it('only total series, whole years as they are, partial years only where no whole year exists', () => {
    expect(new Set(drawn.map((p) => p.series))).toEqual(new Set(['pakistan-sbp', 'pakistan-pbc-2016', 'kazakhstan-stat', 'pakistan-gov', 'kz-envoy-not-stated', 'pk-envoy-not-stated']));
    const kz = drawn.filter((p) => p.series === 'kazakhstan-stat').map((p) => [p.year, p.value, p.partial]);
    expect(kz).toEqual([
      [2018, 21.7e6, 'January-August 2018'],
      [2021, 95e6, undefined],
      [2022, 73.5e6, undefined],
      [2023, 52.5e6, undefined],
      [2024, 53.7e6, undefined],
      // Of January-March (19.4M) and January-July (89.6M), the longer.
      [2025, 89.6e6, 'January-July 2025'],
    ]);
    const pk = drawn.filter((p) => p.series === 'pakistan-sbp').map((p) => [p.year, p.partial === undefined]);
    expect(pk).toEqual([[2024, true], [2025, true], [2026, false]]);
  });

  it("for a scenario naming its own series, only the series on that series' year basis", () => {
    const own = (id: string) => history.series.find((s) => s.id === id);
    const fiscal = new Set(chartPoints(history, own('pakistan-sbp')).map((p) => p.series));
    expect(fiscal).toEqual(new Set(['pakistan-sbp', 'pakistan-gov']));
    const calendar = new Set(chartPoints(history, own('kazakhstan-stat')).map((p) => p.series));
    expect(calendar).toEqual(new Set(['kazakhstan-stat']));
  });

  it('the library baselines draw their own statistics, and a wrong historySeries.total exits 2 at its line', () => {
    expect(new Set(prepareScenario('scenarios/baseline-pk.yaml').history.map((p) => p.series))).toEqual(new Set(['pakistan-sbp', 'pakistan-gov']));
    expect(new Set(prepareScenario('scenarios/baseline-kz.yaml').history.map((p) => p.series))).toEqual(new Set(['kazakhstan-stat']));
    const dir = mkdtempSync(join(tmpdir(), 'history-series-'));
    try {
      const file = join(dir, 'wrong.yaml');
      const baseline = join(import.meta.dirname, '../../scenarios/baseline-kz.yaml');
      writeFileSync(file, `extends: ${JSON.stringify(baseline)}\nhistory: ${JSON.stringify(FILE)}\nhistorySeries: { total: kazakhstan-stat-exports }\n`);
      expect(() => prepareScenario(file)).toThrowError(ScenarioError);
      try {
        prepareScenario(file);
      } catch (e) {
        const issue = (e as ScenarioError).issues[0];
        expect(issue).toMatchObject({ line: 3, path: 'historySeries.total' });
        expect(issue?.message).toMatch(/recording total, found "kazakhstan-stat-exports", which records KZ>PK/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading a history file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('still reads the old form (year, value, source only)', () => {
    const h = readHistoryFile(write('old.yaml', 'series:\n  s1:\n    label: one\n    source: a source\n    points: [ { year: 2025, value: 100M } ]\n'));
    expect(h.series[0]).toMatchObject({ id: 's1', flow: 'total', points: [{ year: 2025, value: 100e6, months: undefined, source: 'a source' }] });
  });

  it('names the file, line and field of a bad point, and what was expected', () => {
    const file = write('bad.yaml', 'series:\n  s1:\n    label: one\n    source: a source\n    flow: exports\n    points:\n      - { year: 2025, value: 100M, months: 12 }\n');
    let caught: unknown;
    try {
      readHistoryFile(file, dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const issues = (caught as ScenarioError).issues;
    expect(issues.find((i) => i.path === 'series.s1.points.0.months')).toMatchObject({ file: 'bad.yaml', line: 7, message: expect.stringMatching(/<= 11.*found number 12/) });
    expect(issues.find((i) => i.path === 'series.s1.flow')).toMatchObject({ line: 5, message: expect.stringContaining('PK>KZ') });
  });

  const series = (points: string) => `series:\n  s1:\n    label: one\n    source: a source\n    points:\n${points}`;
  const issuesOf = (name: string, text: string) => {
    try {
      readHistoryFile(write(name, text), dir);
    } catch (err) {
      if (err instanceof ScenarioError) return err.issues;
      throw err;
    }
    return [];
  };

  it.each([
    ['0', 'found 0'],
    ['-5M', 'found -5000000'],
  ])('refuses a value of %s at its line, whole year or partial', (value, found) => {
    const whole = issuesOf('zero.yaml', series(`      - { year: 2024, value: 1M }\n      - { year: 2025, value: ${value} }\n`));
    expect(whole).toEqual([{ file: 'zero.yaml', line: 7, column: 30, path: 'series.s1.points.1.value', message: `expected a value above 0 (the model is of the log level), ${found}` }]);
    const partial = issuesOf('zero-partial.yaml', series(`      - { year: 2025, months: 4, value: ${value} }\n`));
    expect(partial).toEqual([expect.objectContaining({ line: 6, path: 'series.s1.points.0.value', message: expect.stringContaining(found) })]);
  });

  it('refuses two whole-year figures for one year in a series, at the second, in calibrate\'s words', () => {
    const issues = issuesOf('twice.yaml', series('      - { year: 2024, value: 1M }\n      - { year: 2025, months: 4, value: 1M }\n      - { year: 2025, value: 2M }\n      - { year: 2024, value: 3M }\n'));
    expect(issues).toEqual([{
      file: 'twice.yaml', line: 9, column: 17, path: 'series.s1.points.3.year',
      message: 'expected one whole-year figure a year, found two whole-year figures for 2024 (the other is points.0); keep one (the other may go in another series)',
    }]);
  });

  it('takes one whole-year figure and partial years of the same year, and the same year in two series', () => {
    const h = readHistoryFile(write('same-year.yaml', `${series('      - { year: 2025, value: 1M }\n      - { year: 2025, months: 4, value: 0.3M }\n')}  s2:\n    label: two\n    source: b\n    points: [ { year: 2025, value: 2M } ]\n`));
    expect(h.series.map((x) => x.points.length)).toEqual([2, 1]);
  });
});
