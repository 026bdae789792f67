/**
 * The scenario library (scenarios/): every file validates strictly (no number without a source or
 * an assumption), runs, starts near its stated base, and every variant moves the way its question
 * says, against its baseline on common random numbers (same seed, shared random streams).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareScenario, type Prepared } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import type { Summary } from '../../src/results/summary.js';
import { bareNumbers } from '../../src/scenario/parameters.js';
import type { Distribution, Uncertain } from '../../src/scenario/schema.js';
import { headline, listScenarioFiles, type LibraryFile } from '../../src/tools/scenario-library.js';
import { BEGIN, END, replaceBetweenMarkers } from '../../src/tools/scenario-table.js';

const DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const PATHS = 2000;
const SEED = 1;

const files = listScenarioFiles(DIR);
const byName = new Map<string, { file: LibraryFile; prep: Prepared; summary: Summary }>();

beforeAll(async () => {
  for (const file of files) {
    const prep = prepareScenario(file.path);
    const { summary } = await runPrepared(prep, { paths: PATHS, seed: SEED, workers: 0 });
    byName.set(prep.loaded.scenario.name, { file, prep, summary });
  }
});

function get(name: string) {
  const r = byName.get(name);
  if (!r) throw new Error(`no scenario named ${name} in scenarios/`);
  return r;
}

function distMean(d: Distribution): number {
  switch (d.dist) {
    case 'normal': return d.mean;
    case 'lognormal': return d.median * Math.exp((d.sdlog * d.sdlog) / 2);
    case 'uniform': return (d.min + d.max) / 2;
    case 'triangular': return (d.min + d.mode + d.max) / 3;
    case 'pert': return (d.min + 4 * d.mode + d.max) / 6;
  }
}
const mean = (u: Uncertain) => (u.kind === 'fixed' ? u.value : distMean(u.dist));

const at = (s: Summary, year: number, xs: number[]) => {
  const i = s.years.indexOf(year);
  if (i < 0) throw new Error(`${s.scenario.name}: no year ${year} in ${s.years.join(', ')}`);
  return xs[i] as number;
};
const reachedBy = (s: Summary, year: number) => at(s, year, s.target.reachedBy);
const median = (s: Summary, year: number) => at(s, year, s.annual.total.p50);
const directionMedian = (s: Summary, dir: string, year: number) => at(s, year, s.annual.byDirection[dir]?.p50 ?? []);

it('finds the two baselines and their variants, and no history file among them', () => {
  const names = files.map((f) => f.relPath);
  expect(names).toContain('baseline-pk.yaml');
  expect(names).toContain('baseline-kz.yaml');
  expect(names).not.toContain('history.yaml');
  expect(files.filter((f) => !f.isBaseline).length).toBeGreaterThanOrEqual(5);
});

describe.each(files.map((f) => [f.relPath, f] as const))('%s', (_rel, file) => {
  it('validates with --strict semantics: every number has a source or an assumption', () => {
    const prep = prepareScenario(file.path);
    expect(bareNumbers(prep.loaded.scenario).map((r) => r.path.join('.'))).toEqual([]);
    expect(prep.compiled.warnings).toEqual([]);
  });

  it('is named after its file, says what it asks, and reads its history', () => {
    const { prep, summary } = [...byName.values()].find((r) => r.file.path === file.path)!;
    const s = prep.loaded.scenario;
    expect(`${s.name}.yaml`).toBe(file.relPath.split('/').pop());
    expect(s.title?.length ?? 0).toBeGreaterThan(10);
    expect(s.question ?? '').toMatch(/\?$/);
    expect(summary.history.map((h) => h.series).sort()).toEqual(expect.arrayContaining(['kazakhstan-stat', 'pakistan-sbp']));
    if (!file.isBaseline) expect(prep.loaded.files.length).toBeGreaterThan(1);
    expect(s.target.value).toBe(1e9);
    for (const y of [2028, 2030, 2035]) expect(summary.years).toContain(y);
  });

  it('starts near its stated base, with ordered quantiles and monotone probabilities', () => {
    const { prep, summary } = [...byName.values()].find((r) => r.file.path === file.path)!;
    const base = prep.compiled.flows.reduce((sum, f) => sum + mean(f.base), 0);
    const first = summary.annual.total.p50[0] as number;
    // The first whole year adds the Afghan road's reopening (x1.1-1.7 by sector) and six months of growth.
    expect(first / base).toBeGreaterThan(0.6);
    expect(first / base).toBeLessThan(2.5);
    const t = summary.target;
    for (let y = 0; y < summary.years.length; y++) {
      expect(t.reachedBy[y]).toBeGreaterThanOrEqual(t.probability[y] as number);
      expect(t.reachedBy[y]).toBeLessThanOrEqual(1);
      if (y > 0) expect(t.reachedBy[y]).toBeGreaterThanOrEqual(t.reachedBy[y - 1] as number);
      const q = summary.annual.total;
      expect(q.p05[y]).toBeLessThanOrEqual(q.p50[y] as number);
      expect(q.p50[y]).toBeLessThanOrEqual(q.p95[y] as number);
    }
    // The target is ambitious from a USD 30-130M start: nowhere near certain by 2030.
    expect(reachedBy(summary, 2030)).toBeLessThan(0.5);
  });
});

describe('the two baselines', () => {
  it('differ about as the two statistics do: Kazakhstan reports less', () => {
    const pk = get('baseline-pk').summary, kz = get('baseline-kz').summary;
    expect(pk.scenario.fiscalYearStartMonth).toBe(7);
    expect(kz.scenario.fiscalYearStartMonth).toBe(1);
    const ratio = (pk.annual.total.p50[0] as number) / (kz.annual.total.p50[0] as number);
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(6);
    expect(reachedBy(pk, 2035)).toBeGreaterThan(reachedBy(kz, 2035));
  });

  it('start the PK baseline near the January 2026 run rate, far below FY25', () => {
    const pk = get('baseline-pk').summary;
    const jan2026 = pk.steps.total.p50[0] as number;
    expect(jan2026).toBeGreaterThan(40e6);
    expect(jan2026).toBeLessThan(120e6);
  });
});

/** What each variant's question implies, against its baseline (same seed, so common random numbers). */
const EXPECTATIONS: Record<string, (v: Summary, base: Summary, all: (name: string) => Summary) => void> = {
  'pk-afghan-crossings-reopen-soon': (v, b, all) => {
    // Reopening earlier raises the first year; by FY2029-30 the road has reopened on both (the
    // engine has no lasting scar from a closure), so P(1B by 2030) is about the same.
    expect(v.annual.total.p50[0]).toBeGreaterThan(1.05 * (b.annual.total.p50[0] as number));
    expect(Math.abs(reachedBy(v, 2030) - reachedBy(b, 2030))).toBeLessThan(0.01);
    expect(reachedBy(v, 2030)).toBeGreaterThan(reachedBy(all('pk-afghan-crossings-stay-closed'), 2030));
  },
  'pk-afghan-crossings-stay-closed': (v, b) => {
    expect(median(v, 2030)).toBeLessThan(0.85 * median(b, 2030));
    expect(reachedBy(v, 2035)).toBeLessThan(reachedBy(b, 2035));
    expect(v.corridorShare['afghan-road']?.every((x) => x === 0)).toBe(true);
  },
  'pk-roadmap-fully-implemented': (v, b) => {
    expect(median(v, 2030)).toBeGreaterThan(1.05 * median(b, 2030));
    expect(reachedBy(v, 2030)).toBeGreaterThanOrEqual(reachedBy(b, 2030));
  },
  'pk-railways-built-by-2032': (v, b) => {
    expect(median(v, 2033)).toBeGreaterThan(1.1 * median(b, 2033));
    expect(reachedBy(v, 2035)).toBeGreaterThan(reachedBy(b, 2035));
    expect(at(v, 2033, v.corridorShare['uap-rail'] ?? [])).toBeGreaterThan(at(b, 2033, b.corridorShare['uap-rail'] ?? []));
  },
  'pk-tariff-reform-stalls': (v, b) => {
    // Only Pakistan's imports are touched.
    expect(directionMedian(v, 'KZ>PK', 2030)).toBeLessThan(0.95 * directionMedian(b, 'KZ>PK', 2030));
    expect(directionMedian(v, 'PK>KZ', 2030)).toBeCloseTo(directionMedian(b, 'PK>KZ', 2030), -5);
    expect(reachedBy(v, 2035)).toBeLessThanOrEqual(reachedBy(b, 2035));
  },
  'pk-fy25-imports-were-one-off': (v, b) => {
    expect(2 * directionMedian(v, 'KZ>PK', 2027)).toBeLessThan(directionMedian(b, 'KZ>PK', 2027));
    expect(reachedBy(v, 2030)).toBeLessThan(reachedBy(b, 2030));
  },
  'pk-eaeu-pta-by-2029': (v, b) => {
    expect(median(v, 2031)).toBeGreaterThan(1.05 * median(b, 2031));
    expect(reachedBy(v, 2035)).toBeGreaterThanOrEqual(reachedBy(b, 2035));
  },
  'kz-afghan-crossings-reopen-soon': (v, b) => {
    expect(v.annual.total.p50[0]).toBeGreaterThan(1.05 * (b.annual.total.p50[0] as number));
  },
  'kz-roadmap-fully-implemented': (v, b) => {
    expect(median(v, 2030)).toBeGreaterThan(1.05 * median(b, 2030));
  },
};

describe('variants move the way their question implies', () => {
  const variants = files.filter((f) => !f.isBaseline);
  it.each(variants.map((f) => [f.relPath, f] as const))('%s', (_rel, file) => {
    const entry = [...byName.values()].find((r) => r.file.path === file.path)!;
    const name = entry.prep.loaded.scenario.name;
    const check = EXPECTATIONS[name];
    if (!check) throw new Error(`add an expectation for the new variant ${name} to EXPECTATIONS in test/scenarios/library.test.ts`);
    const baseline = file.statistics === 'kz' ? 'baseline-kz' : 'baseline-pk';
    check(entry.summary, get(baseline).summary, (n) => get(n).summary);
  });
});

describe('scenarios/README.md', () => {
  it('lists every scenario of the library in its generated table', () => {
    const readme = readFileSync(new URL('README.md', `file://${DIR}`), 'utf8');
    const table = readme.slice(readme.indexOf(BEGIN), readme.indexOf(END));
    for (const f of files) expect(table).toContain(`](${f.relPath})`);
    for (const r of byName.values()) expect(table).toContain(r.prep.loaded.scenario.name);
    expect(readme).toContain('## Writing a new scenario');
  });

  it('has its table replaced between the markers, and only there', () => {
    const text = `intro\n${BEGIN}\nold\n${END}\nrest\n`;
    expect(replaceBetweenMarkers(text, 'new')).toBe(`intro\n${BEGIN}\nnew\n${END}\nrest\n`);
    expect(() => replaceBetweenMarkers('no markers', 'x')).toThrow(/markers/);
    expect(headline(get('baseline-pk').summary).yearBasis).toBe('FY (Jul-Jun)');
  });
});
