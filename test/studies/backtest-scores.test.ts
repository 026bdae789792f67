/**
 * The back-test's scores on known cases (src/studies/backtest/backtest.ts): a deterministic
 * scenario (volatility 0) scores PIT 0 or 1 and CRPS = |error|; a lone geometric Brownian motion
 * with one step a year, whose annual value is lognormal in closed form, scores as the closed-form
 * lognormal within Monte Carlo error; the naive benchmarks are the hand-computed walks; partial
 * years are listed, not scored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { RELATIVE_BIN_WIDTH } from '../../src/engine/histogram.js';
import { historyFile, readHistoryFile } from '../../src/scenario/history.js';
import { lognormalPredictive } from '../../src/results/scores.js';
import { runBacktest, wilsonInterval } from '../../src/studies/backtest/backtest.js';
import { backtestSections } from '../../src/studies/backtest/report.js';
import { backtestTable } from '../../src/studies/backtest/write.js';
import { TempDir } from '../helpers/scenario-files.js';
import { normalCdf } from '../helpers/normal.js';

const dir = new TempDir();
afterAll(() => dir.remove());

// Observed totals, USD: 2019 80M, 2020 100M, 2021 120M, 2022 90M, 2023 110M, and January-June 2023.
const HISTORY = `
series:
  made-up:
    label: "A made-up total"
    source: "test"
    flow: total
    points:
      - { year: 2019, value: 80M }
      - { year: 2020, value: 100M }
      - { year: 2021, value: 120M }
      - { year: 2022, value: 90M }
      - { year: 2023, value: 110M }
      - { year: 2023, period: "January-June 2023", months: 6, value: 50M }
`;

function scenario(name: string, g: number, s: number): string {
  dir.file('history.yaml', HISTORY);
  return dir.file(`${name}.yaml`, `
name: ${name}
history: history.yaml
historySeries: { total: made-up }
start: 2030-01
horizon: 2
stepsPerYear: 1
target: { value: 1B, year: 2031 }
flows:
  goods:
    PK>KZ: { base: 10M, growth: ${g}, volatility: ${s} }
`);
}

async function backtest(file: string, origins: number[] | undefined, paths: number) {
  const prep = prepareScenario(file);
  const history = readHistoryFile(historyFile(prep.loaded.file, prep.loaded.scenario.history as string));
  return (await runBacktest(prep, history, origins, { paths, seed: 5, workers: 0 })).summary;
}

describe('back-test scores on known cases', () => {
  it('a deterministic scenario scores PIT 0 or 1 and CRPS = |error| (to the histogram bin)', async () => {
    const g = 0.1;
    const s = await backtest(scenario('det', g, 0), [2021], 2048);
    const o = s.origins[0]!;
    expect(o.years).toEqual([2022, 2023]);
    for (const r of o.scored) {
      // Every path is 120M e^{g h}, h years after the origin.
      const forecast = 120e6 * Math.exp(g * r.horizon);
      const bin = forecast * RELATIVE_BIN_WIDTH;
      expect(r.model.pit).toBe(r.outcome < forecast ? 0 : 1);
      expect(Math.abs(r.model.crps - Math.abs(r.outcome - forecast))).toBeLessThan(bin);
      expect(r.model.intervals.every((i) => !i.covered)).toBe(true);
    }
    expect(o.scored.map((r) => r.year)).toEqual([2022, 2023]);
    expect(o.notScored).toEqual([expect.objectContaining({ year: 2023, period: 'January-June 2023' })]);
  });

  it('a lone geometric Brownian motion scores as the closed-form lognormal, within Monte Carlo error', async () => {
    const g = 0.05, sigma = 0.3, N = 20_000;
    const s = await backtest(scenario('gbm', g, sigma), [2021], N);
    for (const r of s.origins[0]!.scored) {
      // One step a year: the value h years on is 120M exp((g - sigma^2/2) h + sigma sqrt(h) Z).
      const mu = Math.log(120e6) + (g - sigma * sigma / 2) * r.horizon;
      const sd = sigma * Math.sqrt(r.horizon);
      const exact = lognormalPredictive(mu, sd);
      const sdX = Math.exp(mu + sd * sd / 2) * Math.sqrt(Math.exp(sd * sd) - 1);
      const bin = r.outcome * RELATIVE_BIN_WIDTH;
      // CRPS = E|X - y| - E|X - X'| / 2: each term's standard error is below sd(X) / sqrt(N).
      expect(Math.abs(r.model.crps - exact.crps(r.outcome))).toBeLessThan(4 * 1.5 * sdX / Math.sqrt(N) + 2 * bin);
      const p = exact.pit(r.outcome);
      expect(Math.abs(r.model.pit - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / N) + 1e-3);
      expect(Math.abs(r.model.pit - normalCdf((Math.log(r.outcome) - mu) / sd))).toBeLessThan(4 * Math.sqrt(p * (1 - p) / N) + 1e-3);
      // The log-kernel density is the lognormal smoothed in logs by a bandwidth h ~ 0.9 sd N^-0.2:
      // in expectation a lognormal of sdlog sqrt(sd^2 + h^2); the noise of its estimate is a few %.
      const h = 0.9 * sd * N ** -0.2;
      const smoothed = lognormalPredictive(mu, Math.sqrt(sd * sd + h * h));
      expect(Math.abs((r.model.logScore as number) - smoothed.logScore(r.outcome))).toBeLessThan(0.05);
      for (const i of r.model.intervals) {
        expect(i.lower / exact.quantile((1 - i.level) / 2)).toBeCloseTo(1, 1);
        expect(i.upper / exact.quantile((1 + i.level) / 2)).toBeCloseTo(1, 1);
      }
    }
  });

  it('the naive benchmarks are the hand-computed walks from the observations up to the origin', async () => {
    const s = await backtest(scenario('bench', 0.1, 0.2), [2021], 1024);
    const o = s.origins[0]!;
    // Up to 2021: 80M, 100M, 120M. Changes ln 1.25 and ln 1.2.
    const c1 = Math.log(1.25), c2 = Math.log(1.2);
    const sigmaNoChange = Math.sqrt((c1 * c1 + c2 * c2) / 2);
    const drift = Math.log(120 / 80) / 2;
    const sigmaDrift = Math.sqrt((c1 - drift) ** 2 + (c2 - drift) ** 2);
    for (const r of o.scored) {
      const nc = lognormalPredictive(Math.log(120e6), sigmaNoChange * Math.sqrt(r.horizon));
      const rw = lognormalPredictive(Math.log(120e6) + drift * r.horizon, sigmaDrift * Math.sqrt(r.horizon));
      expect(r.noChange!.crps).toBeCloseTo(nc.crps(r.outcome), 3);
      expect(r.noChange!.pit).toBeCloseTo(nc.pit(r.outcome), 12);
      expect(r.noChange!.logScore!).toBeCloseTo(nc.logScore(r.outcome), 12);
      expect(r.randomWalkWithDrift!.crps).toBeCloseTo(rw.crps(r.outcome), 3);
      expect(r.randomWalkWithDrift!.pit).toBeCloseTo(rw.pit(r.outcome), 12);
    }
    const b = o.benchmarks[0]!;
    expect(b.years).toEqual([2019, 2020, 2021]);
    expect(b.randomWalkWithDrift.available && b.randomWalkWithDrift.drift).toBeCloseTo(drift, 12);
  });

  it('an origin with one observation before it has no benchmark, and says why', async () => {
    const s = await backtest(scenario('thin', 0.1, 0.2), [2019], 1024);
    const o = s.origins[0]!;
    expect(o.scored.every((r) => r.noChange === null && r.randomWalkWithDrift === null)).toBe(true);
    const b = o.benchmarks[0]!;
    expect(b.noChange.available).toBe(false);
    if (!b.noChange.available) expect(b.noChange.reason).toMatch(/needs at least 2 whole-year observations up to the origin .* found 1/);
  });

  it('rolling origins aggregate every scored outcome, with coverage counts and Wilson intervals', async () => {
    const s = await backtest(scenario('roll', 0.05, 0.3), [2019, 2020, 2021, 2022, 2023], 1024);
    expect(s.skipped).toEqual([{ origin: 2023, reason: expect.stringMatching(/no whole-year observation after it/) }]);
    const all = s.origins.flatMap((o) => o.scored);
    const model = s.aggregate.all.find((a) => a.forecaster === 'model')!;
    expect(model.count).toBe(all.length);
    expect(model.meanCrps).toBeCloseTo(all.reduce((a, r) => a + r.model.crps, 0) / all.length, 6);
    expect(model.pit).toEqual(all.map((r) => r.model.pit));
    const c90 = model.coverage.find((c) => c.level === 0.9)!;
    expect(c90.covered).toBe(all.filter((r) => r.model.intervals[1]!.covered).length);
    const w = wilsonInterval(c90.covered, c90.n);
    expect([c90.low, c90.high]).toEqual([w.low, w.high]);
  });

  it('a scenario run as written that starts inside a year takes the year before that one as its origin: the benchmarks never read the whole-year figure of a year that ends after the start', async () => {
    dir.file('history.yaml', HISTORY);
    // The first month falls in a year that is still running (calendar 2021 from July 2021; FY2020-21
    // from January 2021): its whole-year figure, 120M, was published after the start.
    for (const [name, start, fiscal] of [['mid-calendar', '2021-07', 1], ['mid-fiscal', '2021-01', 7]] as const) {
      const file = dir.file(`${name}.yaml`, `
name: ${name}
history: history.yaml
historySeries: { total: made-up }
start: ${start}
horizon: 3
stepsPerYear: 12
fiscalYearStartMonth: ${fiscal}
target: { value: 1B, year: 2023 }
flows:
  goods:
    PK>KZ: { base: 10M, growth: 0.05, volatility: 0.2 }
`);
      const s = await backtest(file, undefined, 1024);
      const o = s.origins[0]!;
      expect(o.years, name).toEqual([2022, 2023]);
      expect(o.origin, name).toBe(2020);
      expect(o.benchmarks[0]!.years, name).toEqual([2019, 2020]);
      // 2021's whole-year figure is after the origin, but the run covers only part of 2021: listed, not scored.
      expect(o.notScored.map((n) => [n.year, n.period]), name).toEqual([[2021, null], [2023, 'January-June 2023']]);
      expect(o.notScored[0]!.reason, name).toBe(`a year the run covers in part (it starts in ${start}): the model's predictive is of whole years`);
      // No change from 2019 and 2020 alone: median 100M, one change ln 1.25, spread ln 1.25 sqrt(h).
      expect(o.scored.map((r) => [r.year, r.horizon]), name).toEqual([[2022, 2], [2023, 3]]);
      for (const r of o.scored) {
        const nc = lognormalPredictive(Math.log(100e6), Math.log(1.25) * Math.sqrt(r.horizon));
        expect(r.noChange!.pit, `${name} ${r.year}`).toBeCloseTo(nc.pit(r.outcome), 12);
        expect(r.randomWalkWithDrift, `${name} ${r.year}`).toBeNull();
      }
    }
  });

  it("the notes say what the model's log score reads: a kernel density on the logs, not the histogram's bins", async () => {
    const s = await backtest(scenario('notes', 0.05, 0.3), [2021], 1024);
    expect(s.notes.join('\n')).toMatch(/log score reads a Gaussian kernel density on the logarithms of the binned values \(Silverman's bandwidth\), not the bins/);
  });

  it('the table and the report name what each benchmark column holds, as they do for the model', async () => {
    const s = await backtest(scenario('columns', 0.05, 0.3), [2021], 1024);
    expect(backtestTable(s)).toMatch(/model CRPS \/ PIT +no change CRPS \/ PIT +drift walk CRPS \/ PIT\n/);
    const html = backtestSections(s).join('\n');
    for (const h of ['Model: CRPS / PIT / log score', 'No change: CRPS / PIT / log score', 'Drift walk: CRPS / PIT / log score']) expect(html).toContain(`<th scope="col">${h}</th>`);
  });

  it("a benchmark of a series not observed at the origin forecasts from its last observation: the horizon counts from that year, not from the origin", async () => {
    dir.file('gap/history.yaml', `
series:
  tot:
    label: "A made-up total"
    source: "test"
    flow: total
    points:
      - { year: 2017, value: 80M }
      - { year: 2018, value: 100M }
      - { year: 2020, value: 110M }
      - { year: 2021, value: 120M }
  dir:
    label: "A made-up direction, not observed in 2019 or 2020"
    source: "test"
    flow: "PK>KZ"
    points:
      - { year: 2017, value: 80M }
      - { year: 2018, value: 100M }
      - { year: 2021, value: 120M }
`);
    const file = dir.file('gap/gap.yaml', `
name: gap
history: history.yaml
historySeries: { total: tot, "PK>KZ": dir }
start: 2030-01
horizon: 2
stepsPerYear: 1
target: { value: 1B, year: 2031 }
flows:
  goods:
    PK>KZ: { base: 10M, growth: 0.05, volatility: 0.2 }
`);
    const s = await backtest(file, [2020], 1024);
    const r = s.origins[0]!.scored.find((x) => x.key === 'PK>KZ')!;
    expect([r.year, r.horizon]).toEqual([2021, 1]);
    // No change from 2017 and 2018: median 100M, spread ln 1.25 a year, three years on to 2021.
    const nc = lognormalPredictive(Math.log(100e6), Math.log(1.25) * Math.sqrt(3));
    expect(r.noChange!.pit).toBeCloseTo(nc.pit(120e6), 12);
    expect(r.noChange!.crps).toBeCloseTo(nc.crps(120e6), 3);
    // The total, observed at the origin, one year on.
    const t = s.origins[0]!.scored.find((x) => x.key === 'total')!;
    const c = [Math.log(100 / 80), Math.log(110 / 100)];
    const sigma = Math.sqrt((c[0]! ** 2 + c[1]! ** 2 / 2) / 2);
    expect(t.noChange!.pit).toBeCloseTo(lognormalPredictive(Math.log(110e6), sigma).pit(120e6), 12);
  });

  it("Wilson's interval: 8 of 13 is 0.355 to 0.823 (Newcombe 1998's formula, by hand)", () => {
    const w = wilsonInterval(8, 13);
    const z = 1.959963984540054, n = 13, p = 8 / 13;
    const centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    expect(w.low).toBeCloseTo(centre - half, 12);
    expect(w.high).toBeCloseTo(centre + half, 12);
    expect(w.low).toBeCloseTo(0.355, 3);
    expect(w.high).toBeCloseTo(0.823, 3);
  });
});
