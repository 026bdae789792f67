/**
 * The goal study: the value of one lever at which P(reached the target by a year) equals a given
 * probability. Every evaluation runs on the same paths (the same seed: common random numbers), so
 * the walked curve is monotone in the lever up to the few paths that cross between steps. A grid
 * of GRID values over the range, in one study (kind `means`), finds where the curve crosses P;
 * bisection then narrows that bracket until its ends differ by at most one path, it is narrower
 * than a tenth of the value's Monte Carlo interval, or BISECTIONS steps, and the value is read by
 * linear interpolation between its ends. Its Monte Carlo interval is
 * value ± 1.96 se / |slope|, with se = sqrt(P (1 - P) / N) the standard error of P at the value
 * and the slope of the curve over the grid step around it (the delta method for an inverse).
 * Nothing here prints or exits.
 */
import { drive, type PrecisionReached, type PrecisionRule } from '../../engine/driver.js';
import type { BasePartial } from '../../engine/kind.js';
import { means } from '../../engine/kinds/means.js';
import type { Plan } from '../../scenario/plan.js';
import { formatIssue, ScenarioError, type ScenarioIssue } from '../../scenario/issues.js';
import { freshSeed, type Prepared } from '../../project.js';
import type { StudyFacts } from '../sensitivity/sensitivity.js';
import { cautiousProportionSe, proportionSe, Z95 } from '../../results/statistics.js';
import type { StoppingRule } from '../../results/summary.js';
import { stoppingRule } from '../../results/summarise.js';
import { pathsOrPrecision, driveSettings, type PathsOptions } from '../run/run.js';
import { compileEdited, upTo } from '../variant.js';
import { defaultRange, fieldValue, LeverError, leverFields, numberWritten, setLever } from './lever.js';
import { isMoneyField } from '../../scenario/checks.js';
import { formatUsd } from '../../format.js';

export const GRID = 9;
export const BISECTIONS = 12;

/**
 * `precision`: paths are added to the grid until the standard error of P at the grid step that
 * brackets `probability` is at most this (goalPrecision); the bisection runs on as many paths.
 */
export interface GoalOptions extends PathsOptions {
  lever: string;
  probability: number;
  by?: number;
  range?: [number, number];
  onProgress?: (evaluations: number) => void;
}

export interface CurvePoint {
  value: number;
  probability: number;
  standardError: number;
}

export interface GoalSummary {
  format: 'trade-sim/goal/v1';
  scenario: { name: string; title: string; sha256: string };
  /** The scenario's target: an annual total in USD a year. */
  target: { value: number };
  paths: number;
  seed: number;
  lever: string;
  /** The fields the lever sets, as paths of the file. */
  fields: string[];
  probability: number;
  by: number;
  byLabel: string;
  range: [number, number];
  /** Whether some value in the range gives the probability. */
  found: boolean;
  value: number | null;
  /** The value's 95% Monte Carlo interval. */
  low: number | null;
  high: number | null;
  /** The answer in one sentence. */
  answer: string;
  /** Every value evaluated, sorted by value: P(reached by `by`) and its standard error. */
  curve: CurvePoint[];
  /** Present when the study was asked for a precision (--precision) instead of a number of paths. */
  precision?: { stoppingRule: StoppingRule };
}

/** A lever value or probability as the study's text prints it: four significant digits. */
export const fmt = (v: number) => String(Number(v.toPrecision(4)));

/** Whether every field a lever sets is an amount of money (a base, a cost per tonne): its values are then written in USD. */
export const isMoneyLever = (fields: readonly string[]) => fields.every((f) => isMoneyField(f.split('.').pop()));

/** How a lever's values are written, to `digits` significant digits: in USD for money ("$47.2M"), else as a plain number. */
export const leverValueText = (fields: readonly string[], digits = 4) =>
  (isMoneyLever(fields) ? (v: number) => formatUsd(v, digits) : (v: number) => String(Number(v.toPrecision(digits))));

/** The first grid step [i, i + 1] whose ends lie on either side of `target` (or whose start is on it); -1: none. */
export function bracketOf(ps: number[], target: number): number {
  const side = (p: number) => Math.sign(p - target);
  for (let i = 0; i + 1 < ps.length; i++) {
    if (side(ps[i] as number) === 0 || side(ps[i] as number) !== side(ps[i + 1] as number)) return i;
  }
  return -1;
}

/**
 * The stopping rule of a goal study asked for a precision: on the grid's paths so far, the larger
 * cautious standard error ((k+1)/(n+2), results/statistics.ts) of P at the two ends of the step
 * that brackets `target`; with no bracket yet, that of the grid value whose P is nearest to
 * `target` (the study then says how near the range comes). P of grid value k is the means kind's
 * sum of `reached` (means[k * 2]): a count, exact in any order.
 */
export function goalPrecision(values: number, target: number, standardError: number): PrecisionRule<BasePartial<'means'>, 'means'> {
  return {
    standardError,
    of: (p, { means }) => {
      const counts = Array.from({ length: values }, (_, k) => means[k * 2] as number);
      const ps = counts.map((c) => c / p.paths);
      const i = bracketOf(ps, target);
      const se = (k: number) => cautiousProportionSe(counts[k] as number, p.paths);
      if (i >= 0) return Math.max(se(i), se(i + 1));
      let near = 0;
      ps.forEach((q, k) => { if (Math.abs(q - target) < Math.abs((ps[near] as number) - target)) near = k; });
      return se(near);
    },
  };
}

/**
 * A default range cut to the values the file accepts at the lever (a probability stops at 1, a
 * volatility at 0): an end the validation refuses moves toward a value it accepts (the file's,
 * else the middle of the range) by bisection, to within 1e-9 of the range.
 */
function withinBounds([lo, hi]: [number, number], accepted: number | undefined, planAt: (x: number) => Plan): [number, number] {
  const ok = (x: number) => {
    try { planAt(x); return true; } catch (err) { if (err instanceof ScenarioError) return false; throw err; }
  };
  const inner = accepted ?? (lo + hi) / 2;
  if (!ok(inner)) return [lo, hi]; // nothing to cut toward: the study reports the file's problem
  const cut = (end: number) => {
    if (ok(end)) return end;
    let bad = end, good = inner;
    while (Math.abs(bad - good) > 1e-9 * (hi - lo)) { const m = (bad + good) / 2; if (ok(m)) good = m; else bad = m; }
    return good;
  };
  return [cut(lo), cut(hi)];
}

/**
 * A LeverError naming --range when the scenario refuses the lever at an end of the range asked
 * for: found before any simulation, and blamed on the option rather than the file.
 */
function checkRange(range: [number, number], fields: string[][], planAt: (x: number) => Plan): void {
  range.forEach((x, end) => {
    try {
      planAt(x);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const issue = err.issues[0] as ScenarioIssue;
      // The issue is at the field, or inside it (a date's `value`).
      const field = fields.map((f) => f.join('.')).find((n) => issue.path === n || issue.path.startsWith(`${n}.`));
      const expected = /^expected (.+?)[,;] found /.exec(issue.message)?.[1];
      const found = `found ${fmt(range[0])}..${fmt(range[1])}, whose ${end === 0 ? 'LO' : 'HI'} ${fmt(x)}`;
      throw new LeverError(field !== undefined && expected !== undefined
        ? `--range: expected values that ${field} accepts (${expected}), ${found} is not`
        : `--range: expected values of the lever that the scenario accepts, ${found} is refused: ${formatIssue(issue)}`);
    }
  });
}

export async function runGoal(prep: Prepared, opts: GoalOptions): Promise<{ summary: GoalSummary; facts: StudyFacts }> {
  const loaded = prep.loaded;
  const full = prep.compiled.plan;
  const by = opts.by ?? full.target.year;
  const fields = leverFields(loaded.raw, opts.lever);
  const cut = upTo(full, by);
  const planAt = (x: number): Plan => compileEdited(loaded, setLever(fields, x), cut).plan;
  const given = fieldValue(loaded.raw, fields[0] as string[]);
  const guess = defaultRange(given);
  if (!opts.range && !guess) throw new LeverError(`--range: expected a range LO..HI for ${fields[0]?.join('.')}, whose value in the file gives none`);
  if (opts.range) checkRange(opts.range, fields, planAt);
  const range = opts.range ?? withinBounds(guess as [number, number], numberWritten(given), planAt);
  const [lo, hi] = range;
  const asked = pathsOrPrecision(opts);
  let paths = asked.paths;
  const seed = opts.seed ?? loaded.scenario.seed ?? freshSeed();
  const curve = new Map<number, number>();
  const facts: StudyFacts = { workers: 0, flowSteps: 0 };
  const target = opts.probability;
  let evaluations = 0;
  let reached: PrecisionReached | undefined;
  // With a precision the grid decides the paths (the rule), and every later evaluation runs on as many.
  const evaluate = async (xs: number[], precision?: number): Promise<number[]> => {
    const run = await drive(means, xs.map(planAt), { paths, seed, ...driveSettings(opts) },
      precision === undefined ? undefined : goalPrecision(xs.length, target, precision));
    if (run.precision) reached = facts.precision = run.precision;
    paths = run.paths;
    facts.workers = run.workers;
    facts.flowSteps += paths * run.plans.reduce((a, p) => a + p.steps * p.flowIds.length, 0);
    // means[(o * K + k) * 2]: output 0 (reached) of plan k.
    const ps = xs.map((x, k) => (run.totals.means[k * 2] as number) / paths);
    xs.forEach((x, k) => curve.set(x, ps[k] as number));
    evaluations += xs.length;
    opts.onProgress?.(evaluations);
    return ps;
  };

  const xs = Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
  const ps = await evaluate(xs, asked.precision);
  const side = (p: number) => Math.sign(p - target);
  const bracket = bracketOf(ps, target);
  const byLabel = full.yearLabels[full.years.indexOf(by)] as string;
  const points = () => [...curve.entries()].sort(([a], [b]) => a - b).map(([value, p]) => ({ value, probability: p, standardError: proportionSe(p, paths) }));
  const base = {
    format: 'trade-sim/goal/v1' as const,
    scenario: { name: loaded.scenario.name, title: loaded.scenario.title ?? loaded.scenario.name, sha256: loaded.sha256 },
    target: { value: full.target.value },
    paths, seed, lever: opts.lever, fields: fields.map((f) => f.join('.')), probability: target, by, byLabel, range,
  };
  const precision = reached ? { precision: { stoppingRule: stoppingRule(`P(reached by ${byLabel}) at the grid step bracketing ${fmt(target)} (none bracketing: at the grid value nearest to it)`, reached) } } : {};
  const question = `P(reached by ${byLabel}) = ${fmt(target)}`;
  const lv = leverValueText(base.fields);
  if (bracket < 0) {
    const pmin = Math.min(...ps), pmax = Math.max(...ps);
    const summary: GoalSummary = {
      ...base, found: false, value: null, low: null, high: null, curve: points(),
      answer: `No value of ${opts.lever} from ${lv(lo)} to ${lv(hi)} gives ${question}: over that range it runs from ${fmt(pmin)} to ${fmt(pmax)}.`,
      ...precision,
    };
    return { summary, facts };
  }
  let x0 = xs[bracket] as number, x1 = xs[bracket + 1] as number;
  let p0 = ps[bracket] as number, p1 = ps[bracket + 1] as number;
  const slope = (p1 - p0) / (x1 - x0);
  const half = slope === 0 ? Infinity : (Z95 * proportionSe(target, paths)) / Math.abs(slope);
  // Narrower than a tenth of the Monte Carlo interval, or than one path, the bracket says no more.
  for (let i = 0; i < BISECTIONS && Math.abs(p1 - p0) * paths > 1 && x1 - x0 > half / 10 && side(p0) !== 0; i++) {
    const xm = 0.5 * (x0 + x1);
    const [pm] = (await evaluate([xm])) as [number];
    if (side(pm) === side(p0)) { x0 = xm; p0 = pm; } else { x1 = xm; p1 = pm; }
  }
  const value = side(p0) === 0 ? x0 : p1 === p0 ? 0.5 * (x0 + x1) : x0 + ((target - p0) * (x1 - x0)) / (p1 - p0);
  const summary: GoalSummary = {
    ...base, found: true, value, low: value - half, high: value + half, curve: points(),
    answer: `${opts.lever} = ${lv(value)} (95% Monte Carlo interval ${lv(value - half)} to ${lv(value + half)}) gives ${question}.`,
    ...precision,
  };
  return { summary, facts };
}
