/**
 * The plans a sensitivity study runs. Sobol (pick-freeze on the components' streams): A, the
 * scenario; B, every input re-keyed; A_B^i, only input i re-keyed, with B's key, so that input i
 * draws as in B and every other component as in A. Tornado: per input, a plan at its low and one
 * at its high setting, every other draw shared: an uncertain parameter (of a flow, a corridor,
 * a border or an agreement) at its 10th and 90th percentile (its distribution replaced by that
 * value), an agreement never and always implemented (its delay still drawn). A political factor
 * has no tornado: it is not an agreement that can be set never or always implemented.
 */
import type { Plan } from '../../scenario/plan.js';
import { distributionQuantile } from '../../engine/distributions.js';
import { uncertainParameters } from '../../engine/kinds/sobol.js';
import type { SensitivityInput } from './inputs.js';

/** The salt of B's streams (engine/streams.ts). */
export const B_SALT = 'sobol-B';

const salted = (plan: Plan, components: string[]): Plan => ({
  ...plan, streamSalt: Object.fromEntries(components.map((c) => [c, B_SALT])),
});

export function sobolPlans(plan: Plan, inputs: SensitivityInput[]): Plan[] {
  return [plan, salted(plan, inputs.flatMap((i) => i.components)), ...inputs.map((i) => salted(plan, i.components))];
}

/** The plan with every draw of `component` replaced by the fixed value `value` (in the file's units). */
export function fixParameter(plan: Plan, component: string, value: number): Plan {
  const copy = structuredClone(plan);
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const o = x as Record<string, unknown> | null;
      if (o && typeof o === 'object' && o.kind === 'dist' && o.component === component) {
        (v as Record<string, unknown>)[k] = { kind: 'fixed', value: value + (o.offset as number) };
      } else walk(x);
    }
  };
  walk(copy.flows); walk(copy.corridors); walk(copy.borders); walk(copy.agreements);
  return copy;
}

function withProbability(plan: Plan, agreement: string, probability: number): Plan {
  return { ...plan, agreements: plan.agreements.map((a) => (a.name === agreement ? { ...a, probability } : a)) };
}

export interface TornadoSetting {
  input: string;
  /** What the low and high settings are, in words. */
  low: string;
  high: string;
  plans: [Plan, Plan];
}

export const TORNADO_LEVELS = [0.1, 0.9] as const;

/**
 * A setting in words: four significant digits, and at least two decimals for a value of 1,000 or
 * more, so that a date (decimal years: a corridor's `opens`, a `reopens`) keeps its month: the
 * 10th percentile of a reopening in 2026.35 read "2026" with four digits alone.
 */
const show = (v: number) => String(Number(Math.abs(v) >= 1000 ? v.toFixed(2) : v.toPrecision(4)));

/** The tornado's settings of the inputs that have them (parameters and agreements). */
export function tornadoSettings(plan: Plan, inputs: SensitivityInput[]): TornadoSetting[] {
  const dists = new Map(uncertainParameters(plan).map((p) => [p.component, p.dist]));
  const out: TornadoSetting[] = [];
  for (const input of inputs) {
    const [component] = input.components;
    if (input.kind === 'parameter' && component && input.components.length === 1) {
      const dist = dists.get(component);
      if (!dist) continue;
      const [lo, hi] = TORNADO_LEVELS.map((q) => distributionQuantile(dist, q)) as [number, number];
      out.push({ input: input.name, low: `10th percentile, ${show(lo)}`, high: `90th percentile, ${show(hi)}`, plans: [fixParameter(plan, component, lo), fixParameter(plan, component, hi)] });
    } else if (input.kind === 'agreement' && input.name.startsWith('agreements.')) {
      // A political factor (politicalFactors.<name>, kind 'agreement' too) is a latent normal
      // shared by agreements, not an agreement: it has no "never" and "always" to set.
      const name = input.name.slice('agreements.'.length);
      out.push({ input: input.name, low: 'never implemented', high: 'implemented (probability 1)', plans: [withProbability(plan, name, 0), withProbability(plan, name, 1)] });
    }
  }
  return out;
}
