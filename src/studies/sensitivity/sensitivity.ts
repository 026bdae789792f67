/**
 * The sensitivity study: what drives P(reached by a year), the year's annual total and its log.
 * On the one engine driver and one pool: a Sobol study (kind `sobol`, d + 2 plans on the same
 * paths) and a tornado study (kind `swing`, a pair of plans per input). Both simulate only up to
 * the year asked about (studies/variant.ts). Nothing here prints or exits.
 */
import { drive, type PrecisionReached } from '../../engine/driver.js';
import { CHUNK } from '../../engine/kernel/index.js';
import { OUTPUTS, type OutputName } from '../../engine/kinds/path-outputs.js';
import { RANK_SUMS, sobol, uncertainParameters } from '../../engine/kinds/sobol.js';
import { swing, SWING_SUMS } from '../../engine/kinds/swing.js';
import { freshSeed, type Prepared } from '../../project.js';
import type { StoppingRule } from '../../results/summary.js';
import { stoppingRule } from '../../results/summarise.js';
import { pathsOrPrecision, driveSettings, type PathsOptions } from '../run/run.js';
import { compileUpTo } from '../variant.js';
import { sobolPlans, tornadoSettings } from './design.js';
import { momentsAt, rankCorrelation, sobolEstimate, swingEstimate, type Interval, type Swing } from './indices.js';
import { inputsOf, type InputGroup, type InputKind } from './inputs.js';
import { sobolPrecision, swingPrecision } from './precision.js';
import { log } from '../../engine/exp-log.js';

export type Method = 'sobol' | 'tornado';

/**
 * `precision`: paths are added until the largest standard error over the inputs of their
 * first-order index of P(reached by `by`) (tornado alone: of their swing in it) is at most this
 * (precision.ts); the study's first method decides the paths, the other runs on as many.
 */
export interface SensitivityOptions extends PathsOptions {
  /** The year asked about (one of the scenario's years); default: the target year. */
  by?: number;
  methods?: Method[];
  groups?: InputGroup[];
  onProgress?: (done: number, total: number) => void;
}

export interface OutputEffect {
  first?: Interval;
  total?: Interval;
  swing?: Swing;
}

export interface InputResult {
  name: string;
  kind: InputKind;
  components: string[];
  /** The tornado's settings, where the input has them. */
  settings?: { low: string; high: string };
  reached: OutputEffect;
  total: OutputEffect;
  logTotal: OutputEffect;
}

export interface RankResult {
  /** The parameter's field path, as the file writes it. */
  parameter: string;
  /** The input it belongs to. */
  input: string;
  /** Correlation of the output with the parameter's rank F(x) on the same path, 95% interval (Fisher z). */
  correlation: Record<OutputName, Interval | null>;
  /** Its square over the sum of the squares of all parameters: @RISK's "contribution to variance". */
  contribution: Record<OutputName, number | null>;
}

export interface SensitivitySummary {
  format: 'trade-sim/sensitivity/v1';
  scenario: { name: string; title: string; sha256: string };
  paths: number;
  seed: number;
  chunkSize: number;
  by: number;
  byLabel: string;
  target: { value: number };
  outputs: Record<OutputName, string>;
  units: { total: 'USD per year'; logTotal: 'natural log of USD per year'; reached: 'probability' };
  methods: Method[];
  /** The output's mean and variance over the paths of A and B (Sobol), null where not run. */
  output: Record<OutputName, { mean: number; variance: number } | null>;
  inputs: InputResult[];
  /** The sum of the first-order indices over the inputs, with its interval: 1 for an additive output. */
  sumOfFirst: Record<OutputName, Interval | null>;
  rankCorrelation: RankResult[];
  precision: {
    interval: string;
    firstOrder: string;
    totalEffect: string;
    swing: string;
    /** Present when the study was asked for a precision (--precision) instead of a number of paths. */
    stoppingRule?: StoppingRule;
  };
}

const OUTPUT_TEXT = (label: string): Record<OutputName, string> => ({
  reached: `whether the annual total reached the target in ${label} or before (P(reached by ${label}) is its mean)`,
  total: `the annual total of ${label}`,
  logTotal: `the natural log of the annual total of ${label}`,
});

/** From the kinds' scaled outputs (engine/kinds/path-outputs.ts) to the file's units. */
function toUnits(o: OutputName, target: number): { mean: (m: number) => number; scale: number } {
  if (o === 'total') return { mean: (m) => (m + 1) * target, scale: target };
  if (o === 'logTotal') return { mean: (m) => m + log(target), scale: 1 };
  return { mean: (m) => m, scale: 1 };
}

/** How a study ran (for manifest.json): not part of the deterministic summary. */
export interface StudyFacts {
  /** Worker threads of the last run (0: this thread). */
  workers: number;
  /** Flow-steps simulated over every plan of every run. */
  flowSteps: number;
  /** With a precision: what the run that decided the paths asked and reached. */
  precision?: PrecisionReached;
}

export async function runSensitivity(prep: Prepared, opts: SensitivityOptions = {}): Promise<{ summary: SensitivitySummary; facts: StudyFacts }> {
  const full = prep.compiled.plan;
  const by = opts.by ?? full.target.year;
  const plan = compileUpTo(prep.loaded, full, by).plan;
  const asked = pathsOrPrecision(opts);
  let paths = asked.paths;
  let precision = asked.precision;
  const seed = opts.seed ?? prep.loaded.scenario.seed ?? freshSeed();
  const methods: Method[] = opts.methods ?? ['sobol', 'tornado'];
  const inputs = inputsOf(plan, opts.groups);
  const settings = methods.includes('tornado') ? tornadoSettings(plan, inputs) : [];
  const target = plan.target.value;
  const d = inputs.length;

  const studies = (methods.includes('sobol') ? 1 : 0) + (settings.length > 0 ? 1 : 0);
  let finished = 0;
  // With a precision, the first study's total grows round by round; the second's is its paths.
  const progress = (done: number, total: number) => opts.onProgress?.(finished * total + done, studies * total);
  const driveOpts = () => ({ paths, seed, ...driveSettings(opts), onProgress: progress });
  // The first method run decides the paths when a precision is asked; the second runs on as many.
  let reached: { statistic: string; precision: PrecisionReached } | undefined;
  const decided = (run: { paths: number; precision?: PrecisionReached }, statistic: string) => {
    if (!run.precision) return;
    reached = { statistic, precision: run.precision };
    facts.precision = run.precision;
    paths = run.paths;
  };
  const label = plan.yearLabels[plan.target.yearIndex] as string;

  const results: InputResult[] = inputs.map((i) => ({ name: i.name, kind: i.kind, components: i.components, reached: {}, total: {}, logTotal: {} }));
  const output = { reached: null, total: null, logTotal: null } as SensitivitySummary['output'];
  const sumOfFirst = { reached: null, total: null, logTotal: null } as SensitivitySummary['sumOfFirst'];
  const rankResults: RankResult[] = [];
  const facts: StudyFacts = { workers: 0, flowSteps: 0 };
  const count = (run: { workers: number; paths: number; plans: Array<{ steps: number; flowIds: string[] }> }) => {
    facts.workers = run.workers;
    facts.flowSteps += run.paths * run.plans.reduce((a, p) => a + p.steps * p.flowIds.length, 0);
  };

  if (methods.includes('sobol')) {
    const run = await drive(sobol, sobolPlans(plan, inputs), driveOpts(), precision === undefined ? undefined : sobolPrecision(d, precision));
    decided(run, `largest first-order index of P(reached by ${label}) over the inputs`);
    precision = undefined;
    finished++;
    count(run);
    const n = run.paths;
    const { moments, ranks } = run.totals;
    OUTPUTS.forEach((o, oi) => {
      const u = toUnits(o, target);
      inputs.forEach((_, i) => {
        const est = sobolEstimate(moments, momentsAt(oi, i, d), n, o === 'reached');
        const r = results[i] as InputResult;
        if (est) r[o] = { ...r[o], first: est.first, total: est.total };
      });
      const sum = sobolEstimate(moments, momentsAt(oi, d, d), n);
      if (sum) sumOfFirst[o] = sum.first;
      // Mean and variance over A and B pooled (the Z of any input block: a, b, a², b²).
      const at = momentsAt(oi, 0, d);
      const m = ((moments[at] as number) + (moments[at + 1] as number)) / (2 * n);
      const v = Math.max(0, ((moments[at + 2] as number) + (moments[at + 3] as number)) / (2 * n) - m * m);
      output[o] = { mean: u.mean(m), variance: v * u.scale * u.scale };
    });
    const params = uncertainParameters(plan);
    const stride = 2 + RANK_SUMS * params.length;
    const inputOf = new Map(inputs.flatMap((i) => i.components.map((c) => [c, i.name] as const)));
    const corr = OUTPUTS.map((_, oi) => params.map((__, j) => rankCorrelation(ranks, oi * stride, j, n)));
    const squares = corr.map((cs) => cs.reduce((a, c) => a + (c ? c.value * c.value : 0), 0));
    params.forEach((p, j) => {
      const correlation = {} as RankResult['correlation'];
      const contribution = {} as RankResult['contribution'];
      OUTPUTS.forEach((o, oi) => {
        const c = (corr[oi] as Array<Interval | null>)[j] ?? null;
        correlation[o] = c;
        const sq = squares[oi] as number;
        contribution[o] = c && sq > 0 ? (c.value * c.value) / sq : null;
      });
      rankResults.push({ parameter: p.component.replace(/^param:/, ''), input: inputOf.get(p.component) ?? p.component, correlation, contribution });
    });
  }

  if (settings.length > 0) {
    const m = settings.length;
    const run = await drive(swing, settings.flatMap((s) => s.plans), driveOpts(), precision === undefined ? undefined : swingPrecision(m, precision));
    decided(run, `largest paired swing in P(reached by ${label}) over the inputs`);
    finished++;
    count(run);
    const n = run.paths;
    settings.forEach((s, j) => {
      const r = results.find((x) => x.name === s.input) as InputResult;
      r.settings = { low: s.low, high: s.high };
      OUTPUTS.forEach((o, oi) => {
        const u = toUnits(o, target);
        const w = swingEstimate(run.totals.swing, (oi * m + j) * SWING_SUMS, n);
        r[o] = { ...r[o], swing: { low: u.mean(w.low), high: u.mean(w.high), se: w.se * u.scale } };
      });
    });
  }

  const n = paths;
  const summary: SensitivitySummary = {
    format: 'trade-sim/sensitivity/v1',
    scenario: { name: prep.loaded.scenario.name, title: prep.loaded.scenario.title ?? prep.loaded.scenario.name, sha256: prep.loaded.sha256 },
    paths: n, seed, chunkSize: CHUNK, by, byLabel: label, target: { value: target },
    outputs: OUTPUT_TEXT(label),
    units: { total: 'USD per year', logTotal: 'natural log of USD per year', reached: 'probability' },
    methods,
    output,
    inputs: results,
    sumOfFirst,
    rankCorrelation: rankResults,
    precision: {
      interval: '95%: estimate ± 1.96 standard errors (delta method for the Sobol indices, paired for the swings, Fisher z for the correlations)',
      firstOrder: 'Saltelli et al. (2010): mean of f(B) (f(A_B^i) - f(A)) over V, V pooled over A and B',
      totalEffect: 'Jansen (1999): mean of (f(A) - f(A_B^i))^2 / 2 over V',
      swing: 'mean at the high setting and at the low, on the same paths; se: paired standard error of the difference',
      ...(reached ? { stoppingRule: stoppingRule(reached.statistic, reached.precision) } : {}),
    },
  };
  return { summary, facts };
}
