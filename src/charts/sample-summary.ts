/**
 * A realistic synthetic Summary, made without the engine: lognormal annual totals whose medians
 * grow from about $340M in 2026, with spread widening over the horizon. The chart tests draw it,
 * and the chart thread lays it out to warm Vega up while a run simulates (index.ts warmUp).
 */
import type { SeriesStats, Summary } from '../results/summary.js';
import { pow } from '../engine/pow.js';

const Z = { p05: -1.6449, p10: -1.2816, p25: -0.6745, p50: 0, p75: 0.6745, p90: 1.2816, p95: 1.6449 } as const;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const y =
    1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

function lognormalStats(medians: number[], sigmas: number[], paths: number): SeriesStats {
  const q = (z: number) => medians.map((m, i) => m * Math.exp((sigmas[i] ?? 0) * z));
  const mean = medians.map((m, i) => m * Math.exp((sigmas[i] ?? 0) ** 2 / 2));
  const sd = mean.map((mu, i) => mu * Math.sqrt(Math.exp((sigmas[i] ?? 0) ** 2) - 1));
  return {
    mean,
    meanStandardError: sd.map((s) => s / Math.sqrt(paths)),
    p05: q(Z.p05),
    p10: q(Z.p10),
    p25: q(Z.p25),
    p50: q(Z.p50),
    p75: q(Z.p75),
    p90: q(Z.p90),
    p95: q(Z.p95),
  };
}

export interface FixtureOptions {
  paths?: number;
  seed?: number;
  /** Fiscal years: labels "FY2025-26" etc. */
  fiscal?: boolean;
  /** Median annual growth of the total. */
  growth?: number;
}

export const FIXTURE_SECTORS = ['textiles', 'agriculture', 'energy', 'pharma', 'other'] as const;
export const FIXTURE_DIRECTIONS = ['PK>KZ', 'KZ>PK'] as const;

export function makeSummary(options: FixtureOptions = {}): Summary {
  const paths = options.paths ?? 10_000;
  const seed = options.seed ?? 20250917;
  const growth = options.growth ?? 0.16;
  const years = Array.from({ length: 10 }, (_, i) => 2026 + i);
  const yearLabels = years.map((y) => (options.fiscal ? `FY${y - 1}-${String(y % 100).padStart(2, '0')}` : String(y)));
  const t = years.map((_, i) => i + 1);
  const totalMedian = t.map((k) => 300e6 * pow(1 + growth, k));
  const totalSigma = t.map((k) => 0.12 * Math.sqrt(k) + 0.05);
  const total = lognormalStats(totalMedian, totalSigma, paths);

  const sectorShare: Record<string, number> = { textiles: 0.34, agriculture: 0.27, energy: 0.16, pharma: 0.09, other: 0.14 };
  const sectorSigma: Record<string, number> = { textiles: 0.2, agriculture: 0.28, energy: 0.4, pharma: 0.3, other: 0.25 };
  // Parts whose means add up to the total's mean, as the engine's do (medians do not add up).
  const part = (share: (i: number) => number, sigma: number[]) =>
    lognormalStats(
      total.mean.map((mean, i) => (mean * share(i)) / Math.exp((sigma[i] ?? 0) ** 2 / 2)),
      sigma,
      paths,
    );
  const bySector: Record<string, SeriesStats> = {};
  for (const s of FIXTURE_SECTORS) {
    bySector[s] = part(
      () => sectorShare[s] ?? 0,
      t.map((k) => (sectorSigma[s] ?? 0.3) * Math.sqrt(k) * 0.5 + 0.05),
    );
  }
  const byDirection: Record<string, SeriesStats> = {
    'PK>KZ': part((i) => 0.42 + 0.01 * i, totalSigma.map((s) => s * 1.2)),
    'KZ>PK': part((i) => 0.58 - 0.01 * i, totalSigma.map((s) => s * 1.1)),
  };

  const target = 1e9;
  const probability = totalMedian.map((m, i) => 1 - normalCdf((Math.log(target) - Math.log(m)) / (totalSigma[i] ?? 1)));
  const reachedBy: number[] = [];
  let running = 0;
  probability.forEach((p, i) => {
    running = Math.max(running, Math.min(1, p * 1.12 + (i > 0 ? 0.01 : 0)), reachedBy[i - 1] ?? 0);
    reachedBy.push(Math.min(1, Math.max(running, p)));
  });
  const se = (p: number) => Math.sqrt((p * (1 - p)) / paths);
  const firstYearProbability = reachedBy.map((r, i) => r - (reachedBy[i - 1] ?? 0));
  const last = reachedBy[reachedBy.length - 1] ?? 0;
  const medianIndex = reachedBy.findIndex((r) => r >= 0.5);

  const stepsPerYear = 12;
  const steps = years.length * stepsPerYear;
  const stepMedian = Array.from({ length: steps }, (_, k) => (300e6 * pow(1 + growth, (k + 1) / 12)) / 12);
  const stepSigma = Array.from({ length: steps }, (_, k) => 0.12 * Math.sqrt((k + 1) / 12) + 0.08);

  const corridorNames = ['sea-karachi', 'road-china', 'rail-iran'];
  const corridorShare: Record<string, number[]> = { 'sea-karachi': [], 'road-china': [], 'rail-iran': [] };
  t.forEach((k) => {
    const road = 0.3 + 0.015 * k;
    const rail = 0.05 + 0.02 * k;
    corridorShare['road-china']!.push(road);
    corridorShare['rail-iran']!.push(rail);
    corridorShare['sea-karachi']!.push(1 - road - rail);
  });

  const history: Summary['history'] = [];
  const sbp = [182e6, 214e6, 263e6, 311e6];
  const kz = [146e6, 188e6, 241e6, 297e6];
  [2022, 2023, 2024, 2025].forEach((year, i) => {
    // `label` names the series, as the engine writes it.
    history.push({
      series: 'pakistan-sbp',
      label: options.fiscal ? 'Pakistan, State Bank of Pakistan (fiscal years July-June)' : 'Pakistan, State Bank of Pakistan',
      year,
      value: sbp[i]!,
      source: 'State Bank of Pakistan, exports and imports by country',
    });
    history.push({
      series: 'kazakhstan-stat',
      label: 'Kazakhstan, Bureau of National Statistics (calendar years)',
      year,
      value: kz[i]!,
      source: 'Bureau of National Statistics of Kazakhstan, foreign trade',
    });
  });

  return {
    format: 'trade-sim/summary/v1',
    paths,
    seed,
    chunkSize: 1000,
    scenario: {
      name: 'fixture-fast-track',
      title: 'Fast-track trade agreement',
      description: 'Synthetic scenario for chart tests: a preferential trade agreement from 2027 & a new road corridor.',
      question: 'Does bilateral trade reach USD 1 billion a year by 2030?',
      baseSeries: 'pakistan-sbp',
      sha256: '3f5a0c9e1b7d4a2f8e6c0b9d7a5f3e1c2b4d6f8a0c2e4f6a8b0d2f4a6c8e0b2d',
      start: options.fiscal ? '2025-07' : '2026-01',
      horizon: 10,
      stepsPerYear,
      fiscalYearStartMonth: options.fiscal ? 7 : 1,
    },
    units: { money: 'USD per year', probability: 'fraction' },
    years,
    yearLabels,
    sectors: [...FIXTURE_SECTORS],
    directions: [...FIXTURE_DIRECTIONS],
    annual: { total, bySector, byDirection },
    target: {
      value: target,
      year: 2030,
      probability,
      standardError: probability.map(se),
      reachedBy,
      reachedByStandardError: reachedBy.map(se),
      firstYear: { years: [...years], probability: firstYearProbability, never: 1 - last },
      medianFirstYear: medianIndex >= 0 ? (years[medianIndex] ?? null) : null,
    },
    steps: {
      time: Array.from({ length: steps }, (_, k) => (k + 1) / stepsPerYear),
      date: Array.from({ length: steps }, (_, k) => `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`),
      total: lognormalStats(stepMedian, stepSigma, paths),
    },
    corridorShare,
    corridors: [
      { name: 'sea-karachi', label: 'Sea via Karachi & Bandar Abbas' },
      { name: 'road-china', label: 'Road via China (KKH)' },
      { name: 'rail-iran', label: 'Rail via Iran & Turkmenistan' },
    ].filter((c) => corridorNames.includes(c.name)),
    history,
    parameters: [
      { path: 'flows.textiles.PK>KZ.growth', value: '0.12', source: 'SBP 2019-2024 CAGR', assumption: 'Holds to 2035' },
      { path: 'flows.agriculture.KZ>PK.base', value: 'lognormal(median 40M, sdlog 0.3)', source: 'Kazakhstan statistics bureau' },
      { path: 'agreements.pta.tariffCut', value: '{2027: 0.5, 2030: 1}', assumption: 'PTA signed <2027> & ratified' },
      { path: 'corridors.road-china.cost', value: '0.8' },
    ],
    warnings: ['Correlation matrix was not positive semi-definite (min eigenvalue -0.013 < 0); nearest one used & rescaled.'],
    precision: { quantileRelativeBinWidth: 0.002 },
  };
}
