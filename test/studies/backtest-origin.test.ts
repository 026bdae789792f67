/**
 * The scenario as of a back-test origin (src/studies/backtest/origin.ts), on the library's
 * baselines: the flows' mean bases sum to the observed direction totals (or total) of the origin
 * year, each flow keeps its share, the run starts the year after the origin and ends with the
 * last whole-year observation, and dated events keep their dates.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distributionMean } from '../../src/engine/sample.js';
import { prepareScenario } from '../../src/project.js';
import { historyFile, readHistoryFile } from '../../src/scenario/history.js';
import { validateMerged } from '../../src/scenario/load.js';
import type { Scenario, Uncertain } from '../../src/scenario/schema.js';
import { ScenarioError } from '../../src/scenario/issues.js';
import { OriginError, originScenario, scenarioSeries, yearStart } from '../../src/studies/backtest/origin.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const meanOf = (u: Uncertain | undefined) => {
  if (!u) throw new Error('no base');
  return u.kind === 'fixed' ? u.value : distributionMean(u.dist);
};

function bases(s: Scenario): Map<string, number> {
  const out = new Map<string, number>();
  for (const [sector, dirs] of Object.entries(s.flows)) for (const [dir, p] of Object.entries(dirs)) out.set(`${sector} ${dir}`, meanOf(p?.base));
  return out;
}
const sum = (m: Map<string, number>, dir?: string) => [...m.entries()].filter(([k]) => dir === undefined || k.endsWith(` ${dir}`)).reduce((a, [, v]) => a + v, 0);

function asOf(file: string, origin: number) {
  const prep = prepareScenario(file);
  const history = readHistoryFile(historyFile(prep.loaded.file, prep.loaded.scenario.history as string));
  const o = originScenario(prep, scenarioSeries(prep, history), origin);
  const raw = structuredClone(prep.loaded.raw);
  for (const e of o.edits) e(raw);
  const edited = validateMerged(raw, prep.loaded.locator, prep.loaded.file, prep.loaded.files).scenario;
  return { prep, o, before: prep.loaded.scenario, after: edited };
}

describe('the scenario as of an origin', () => {
  it('baseline-kz from 2023: each direction at its observed 2023 total, sector shares kept, the run 2024 only', () => {
    const { o, before, after } = asOf('scenarios/baseline-kz.yaml', 2023);
    expect(o.bases.rule).toBe('by direction');
    const b0 = bases(before), b1 = bases(after);
    // Kazakhstan's 2023 imports from Pakistan 46.8M (PK>KZ) and exports to it 5.7M (KZ>PK), history.yaml.
    expect(sum(b1, 'PK>KZ') / 46.8e6).toBeCloseTo(1, 12);
    expect(sum(b1, 'KZ>PK') / 5.7e6).toBeCloseTo(1, 12);
    for (const [k, v] of b1) {
      const dir = k.split(' ')[1] as string;
      expect(v / sum(b1, dir)).toBeCloseTo((b0.get(k) as number) / sum(b0, dir), 12);
    }
    expect(after.start).toBe('2024-01');
    expect(after.horizon).toBe(1);
    expect(after.target.year).toBe(2024);
    expect(o.years).toEqual([2024]);
  });

  it('baseline-kz from 2021 (only the total observed): every flow scaled alike to the 2021 total, the run to 2024', () => {
    const { o, before, after } = asOf('scenarios/baseline-kz.yaml', 2021);
    expect(o.bases.rule).toBe('total');
    const b0 = bases(before), b1 = bases(after);
    expect(sum(b1) / 95e6).toBeCloseTo(1, 12);
    for (const [k, v] of b1) expect(v / sum(b1)).toBeCloseTo((b0.get(k) as number) / sum(b0), 12);
    expect(after.start).toBe('2022-01');
    expect(after.horizon).toBe(3);
    expect(o.years).toEqual([2022, 2023, 2024]);
  });

  it("baseline-pk from FY2023-24: fiscal start in July, FY24's direction totals, the FY25 spike's permanentShare dropped, the closure of October 2025 not known, agreements at their dates", () => {
    const { o, before, after } = asOf('scenarios/baseline-pk.yaml', 2024);
    expect(after.start).toBe('2024-07');
    expect(yearStart(2025, 7)).toBe('2024-07');
    expect(after.horizon).toBe(1);
    expect(o.years).toEqual([2025]);
    const b1 = bases(after);
    expect(sum(b1, 'PK>KZ') / 185.25e6).toBeCloseTo(1, 12);
    expect(sum(b1, 'KZ>PK') / 0.677e6).toBeCloseTo(1, 12);
    expect(before.byDirection?.['KZ>PK']?.permanentShare).toBeDefined();
    expect(after.byDirection?.['KZ>PK']?.permanentShare).toBeUndefined();
    expect(before.borders?.afghanistan?.initiallyClosed).toBe(true);
    expect(after.borders?.afghanistan?.initiallyClosed).toBeUndefined();
    expect(after.borders?.afghanistan?.reopens).toBeUndefined();
    // The run starts (July 2024) 1.5 years before the scenario's January 2026: each delay is 1.5 years longer.
    for (const [name, a] of Object.entries(before.agreements ?? {})) {
      const moved = after.agreements?.[name]?.delay;
      expect(meanOf(moved) - meanOf(a.delay)).toBeCloseTo(1.5, 12);
    }
    // Tariff tables that start in FY2026 hold their first rate from the run's first year.
    expect(o.notes.some((n) => /flows\.agriculture\.KZ>PK\.tariff: the table starts in 2026/.test(n))).toBe(true);
  });

  it("a series whose stated year basis is not the scenario's is refused: fiscal-year forecasts are not scored against calendar-year figures, nor the reverse", () => {
    const history = resolve('scenarios/history.yaml');
    const cases = [
      { base: 'baseline-pk', series: 'kazakhstan-stat', wants: /fiscal years starting in July/, has: /calendar year/ },
      { base: 'baseline-kz', series: 'pakistan-sbp', wants: /calendar years/, has: /fiscal year July-June/ },
    ];
    // Refused as the scenario is read (scenario/history.ts seriesMismatch), before any back-test.
    for (const c of cases) {
      const file = dir.file(`${c.base}-on-${c.series}.yaml`, `extends: ${resolve(`scenarios/${c.base}.yaml`)}\nname: mixed\nhistory: ${history}\nhistorySeries: { total: ${c.series} }\n`);
      const read = () => prepareScenario(file);
      expect(read, c.base).toThrow(ScenarioError);
      expect(read, c.base).toThrow(new RegExp(`historySeries\\.total: expected a series on this scenario's years \\(${c.wants.source}\\), found "${c.series}", whose years are: ${c.has.source}`));
    }
    // The library's own pairings pass.
    for (const f of ['scenarios/baseline-pk.yaml', 'scenarios/baseline-kz.yaml']) {
      const prep = prepareScenario(f);
      expect(scenarioSeries(prep, readHistoryFile(historyFile(prep.loaded.file, prep.loaded.scenario.history as string)))).toHaveLength(3);
    }
  });

  it('an agreement whose date falls before the origin\'s start is refused, a fixed delay as a distribution: never moved to the start in silence', () => {
    dir.file('agreement/history.yaml', `
series:
  made-up:
    label: "A made-up total"
    source: "test"
    flow: total
    yearBasis: "calendar year"
    points:
      - { year: 2020, value: 100M }
      - { year: 2021, value: 110M }
      - { year: 2022, value: 120M }
      - { year: 2023, value: 130M }
`);
    // The scenario starts in 2020 with the agreement in force from mid-2020; origin 2021 starts in 2022.
    for (const [name, delay] of [['fixed', '0.5'], ['triangular', '{ dist: triangular, min: 0.25, mode: 0.5, max: 1 }']] as const) {
      const file = dir.file(`agreement/${name}.yaml`, `
name: ${name}
history: history.yaml
historySeries: { total: made-up }
start: 2020-01
horizon: 4
stepsPerYear: 1
target: { value: 1B, year: 2023 }
flows:
  goods:
    PK>KZ: { base: 10M, growth: 0.05, volatility: 0.2 }
agreements:
  pact:
    probability: 1
    delay: ${delay}
    effects:
      - ntm: { add: -0.01 }
`);
      expect(() => asOf(file, 2021), name).toThrow(OriginError);
      expect(() => asOf(file, 2021), name).toThrow(/origin 2021: agreements\.pact\.delay moved by -2\.00 years would fall before the origin's start/);
    }
  });

  it('an origin with no whole-year observation, or nothing after it, is refused with the years that exist', () => {
    expect(() => asOf('scenarios/baseline-kz.yaml', 2019)).toThrow(OriginError);
    expect(() => asOf('scenarios/baseline-kz.yaml', 2019)).toThrow(/origin 2019: no whole-year observation in 2019 .*kazakhstan-stat: 2021, 2022, 2023, 2024/);
    expect(() => asOf('scenarios/baseline-kz.yaml', 2024)).toThrow(/origin 2024: no whole-year observation after it to score/);
    // Pakistan's fiscal years are named as the scenario names them.
    expect(() => asOf('scenarios/baseline-pk.yaml', 2020)).toThrow(/origin FY2019-20: no whole-year observation in FY2019-20 /);
  });
});
