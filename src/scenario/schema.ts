/**
 * The scenario file format, as zod schemas: one source of truth for validation and for the
 * TypeScript types (`z.output`). Parameter names follow docs/model.md.
 *
 * Every number may be written bare (`0.12`), as an amount (`"250M"`, `"7.1%"`), or annotated
 * with where it came from: `{ value: 0.12, source: "..." }` or `{ value: 0.12, assumption: "..." }`.
 * Any per-path parameter may instead be a distribution, drawn once per path.
 */
import { z } from 'zod';
import { amountProblem, parseAmount } from './amount.js';
import { describeFound } from './issues.js';
import { exp } from '../engine/exp-log.js';

export const DIRECTIONS = ['PK>KZ', 'KZ>PK'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * Ranges where the economics sets one (README, "Ranges"). USD per year: world merchandise trade is
 * about 2.4e13, so no bilateral flow or target is above 1e13. A trade-cost elasticity: estimates run
 * from about 1 to 15 (Head & Mayer 2014; Bajzik et al. 2020), so 20 bounds any of them.
 */
export const MAX_USD = 1e13;
export const MAX_ELASTICITY = 20;
/** Characters of a name: it names the output folder, whose name the file system limits to 255. */
export const MAX_NAME_LENGTH = 100;
/** Tariff and NTM rates (ad valorem fractions), as scheduled and after every agreement's effects. */
export const RATE_RANGE: readonly [number, number] = [-0.99, 10];

const provenance = {
  source: z.string().min(1).optional(),
  assumption: z.string().min(1).optional(),
};

/** A number or an amount string, as a finite number (zod's numbers are finite). */
export const amount = z.union([
  z.number(),
  z.string().superRefine((text, ctx) => {
    const problem = amountProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }),
]).transform((v) => (typeof v === 'number' ? v : (parseAmount(v) as number)));

const distributionShapes = [
  z.strictObject({ dist: z.literal('normal'), mean: amount, sd: amount, ...provenance }),
  z.strictObject({ dist: z.literal('lognormal'), median: amount, sdlog: amount, ...provenance }),
  z.strictObject({ dist: z.literal('uniform'), min: amount, max: amount, ...provenance }),
  z.strictObject({ dist: z.literal('triangular'), min: amount, mode: amount, max: amount, ...provenance }),
  z.strictObject({ dist: z.literal('pert'), min: amount, mode: amount, max: amount, ...provenance }),
] as const;

export const distribution = z.discriminatedUnion('dist', distributionShapes).superRefine((d, ctx) => {
  const problem = distributionProblem(d);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type Distribution = z.output<typeof distribution>;

function distributionProblem(d: Distribution): string | undefined {
  switch (d.dist) {
    case 'normal':
      return d.sd < 0 ? `expected sd >= 0, found ${d.sd}` : undefined;
    case 'lognormal':
      if (d.median <= 0) return `expected median > 0, found ${d.median}`;
      return d.sdlog < 0 ? `expected sdlog >= 0, found ${d.sdlog}` : undefined;
    case 'uniform':
      return d.min > d.max ? `expected min <= max, found min ${d.min} and max ${d.max}` : undefined;
    case 'triangular':
    case 'pert':
      return d.min <= d.mode && d.mode <= d.max && d.min < d.max
        ? undefined
        : `expected min <= mode <= max with min < max, found ${d.min}, ${d.mode}, ${d.max}`;
  }
}

/**
 * The largest value a distribution will give in any run: its maximum, or for an unbounded upper
 * tail the point 10 standard deviations (of the normal, or of the log for a lognormal) above the
 * centre, which a draw exceeds with probability 8e-24. Used to check an upper bound, so that a
 * lognormal can be given to a parameter with a plausible maximum; lower bounds use `support`.
 */
export function plausibleMax(d: Distribution): number {
  switch (d.dist) {
    case 'normal': return d.mean + 10 * d.sd;
    case 'lognormal': return d.median * exp(10 * d.sdlog);
    default: return d.max;
  }
}

/** The smallest and largest value a distribution can take. */
export function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'normal':
      return d.sd === 0 ? [d.mean, d.mean] : [-Infinity, Infinity];
    case 'lognormal':
      // Open at 0: a lognormal is never 0, so it fits a bound that excludes 0.
      return d.sdlog === 0 ? [d.median, d.median] : [Number.MIN_VALUE, Infinity];
    default:
      return [d.min, d.max];
  }
}

/** A per-path parameter after parsing: fixed, or drawn once per path. */
export type Uncertain =
  | { kind: 'fixed'; value: number; source?: string | undefined; assumption?: string | undefined; bare: boolean }
  | { kind: 'dist'; dist: Distribution; source?: string | undefined; assumption?: string | undefined; bare: boolean };

/**
 * A per-path parameter as written: a plain value (`plain`), or a mapping judged by its `dist` key:
 * with one, a distribution of that kind; without, an annotated value. So a mapping with `dist` is
 * checked as a distribution only, and an unknown kind is one message at `dist`.
 */
const DISTRIBUTION_PARAMETERS = ['mean', 'sd', 'median', 'sdlog', 'min', 'mode', 'max'];

function uncertainInput(plain: z.ZodType<number>) {
  const input = z.union([
    plain,
    z.discriminatedUnion('dist', [
      ...distributionShapes,
      // Claims the mappings without `dist` (a file cannot write undefined).
      z.strictObject({ dist: z.undefined().optional(), value: z.union([plain, distribution]), ...provenance }),
    ]).superRefine((d, ctx) => {
      const problem = d.dist === undefined ? undefined : distributionProblem(d);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ]);
  // A distribution's parameters without `dist` ({ mean: 0.1, sd: 0.02 }) would read as an annotated
  // value with its `value` missing and unknown fields: say that `dist` is what is missing.
  return z.unknown().transform((v, ctx): z.output<typeof input> => {
    const m = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    const given = m && !('dist' in m) && !('value' in m) ? DISTRIBUTION_PARAMETERS.filter((k) => k in m) : [];
    if (given.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['dist'], message: `expected "dist" naming the distribution of ${given.join(', ')} (normal, lognormal, uniform, triangular or pert), found nothing` });
      return z.NEVER;
    }
    const r = input.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
    return z.NEVER;
  });
}

interface Bounds {
  min?: number;
  max?: number;
  /** The lower bound itself is excluded. */
  positive?: boolean;
}

function boundsText(b: Bounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(b.positive ? `> ${b.min}` : `>= ${b.min}`);
  if (b.max !== undefined) parts.push(`<= ${b.max}`);
  return parts.join(' and ');
}

function outOfBounds(lo: number, hi: number, b: Bounds): boolean {
  if (b.min !== undefined && (b.positive ? lo <= b.min : lo < b.min)) return true;
  return b.max !== undefined && hi > b.max;
}

/** A per-path parameter, checked against its bounds (a distribution's whole support must fit). */
export function uncertain(bounds: Bounds = {}) {
  return uncertainOf(amount, bounds);
}

function uncertainOf(plain: z.ZodType<number>, bounds: Bounds) {
  return uncertainInput(plain).transform((input, ctx): Uncertain => {
    const annotated = typeof input === 'object' && 'value' in input;
    const inner = annotated ? input.value : input;
    const note: { source?: string | undefined; assumption?: string | undefined } = typeof input === 'object' ? input : {};
    const prov = { source: note.source, assumption: note.assumption, bare: !note.source && !note.assumption };
    const result: Uncertain = typeof inner === 'number'
      ? { kind: 'fixed', value: inner, ...prov }
      : { kind: 'dist', dist: inner, ...prov };
    const [lo, hi] = result.kind === 'fixed' ? [result.value, result.value] : [support(result.dist)[0], plausibleMax(result.dist)];
    if (outOfBounds(lo, hi, bounds)) {
      const found = result.kind === 'fixed'
        ? String(result.value)
        : `a ${result.dist.dist} distribution whose values run from ${lo} to ${hi}`;
      ctx.addIssue({ code: 'custom', message: `expected a value ${boundsText(bounds)}, found ${found}` });
    }
    return result;
  });
}

/**
 * A schedule (tariff, NTM): a number, a `{year: value}` table (a step function: each value holds
 * from the start of its year until the next entry) or a math.js expression in `t` (years since the
 * start) and `year` (calendar year, with fraction). Expressions are checked in compile.ts.
 * A tariff schedule written `{ value: ..., mfn: true }` is the importer's MFN tariff: its changes
 * apply to every partner (docs/model.md, section 7); otherwise changes are bilateral.
 */
type ScheduleNote = { source?: string | undefined; assumption?: string | undefined; bare: boolean; mfn?: boolean | undefined };
export type Schedule =
  | ({ kind: 'constant'; value: number } & ScheduleNote)
  | ({ kind: 'table'; table: Array<[number, number]> } & ScheduleNote)
  | ({ kind: 'expression'; expression: string } & ScheduleNote);

const YEAR_KEY = /^\d{4}$/;
const scheduleValue = z.union([
  amount,
  z.string().min(1),
  z.record(z.string().regex(YEAR_KEY, { message: 'expected a four-digit year as key' }), amount),
]);
const annotatedSchedule = z.strictObject({ value: scheduleValue, mfn: z.boolean().optional(), ...provenance });
const ANNOTATION_KEYS = new Set(['value', 'mfn', 'source', 'assumption']);
/**
 * A mapping with any of value, mfn, source or assumption is an annotated schedule, else a
 * `{year: value}` table: decided by its keys, so `mfn: yes` or `{ vaule: 0.1, source }` is reported
 * in an annotated schedule's terms, not as keys that are not years.
 */
export const schedule = z.unknown().transform((v, ctx): z.output<typeof scheduleValue> | z.output<typeof annotatedSchedule> => {
  const annotated = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => ANNOTATION_KEYS.has(k));
  const r = (annotated ? annotatedSchedule : scheduleValue).safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
}).transform((input): Schedule => {
  const annotated = typeof input === 'object' && 'value' in input;
  const inner = annotated ? (input as { value: unknown }).value : input;
  const note = annotated ? (input as { source?: string; assumption?: string; mfn?: boolean }) : {};
  const prov = { source: note.source, assumption: note.assumption, bare: !note.source && !note.assumption, ...(note.mfn ? { mfn: true } : {}) };
  if (typeof inner === 'number') return { kind: 'constant', value: inner, ...prov };
  if (typeof inner === 'string') {
    const v = parseAmount(inner);
    return v === undefined ? { kind: 'expression', expression: inner, ...prov } : { kind: 'constant', value: v, ...prov };
  }
  const table = Object.entries(inner as Record<string, number>)
    .map(([k, v]): [number, number] => [Number(k), v])
    .sort((a, b) => a[0] - b[0]);
  return { kind: 'table', table, ...prov };
});

/** A date: "2027-06", "2027-06-15", or a decimal year 2027.5 (a number or an amount). */
const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const date = z.union([
  z.number(),
  z.string().transform((text, ctx) => {
    const year = DATE.test(text) ? undefined : parseAmount(text);
    if (year !== undefined) return year;
    const problem = DATE.test(text)
      ? calendarProblem(text)
      : `expected a date as "YYYY-MM" or "YYYY-MM-DD", or a decimal year such as 2027.5; found ${describeFound(text)}`;
    if (problem === undefined) return decimalYear(text);
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }),
]);

/** Why a date that matches DATE is not a day of the calendar (a month 13, a 30 February), if it is not. */
function calendarProblem(text: string): string | undefined {
  const [, y, mo, d] = DATE.exec(text) ?? [];
  const month = Number(mo);
  if (!(month >= 1 && month <= 12)) return `expected a month 01-12, found ${describeFound(text)}`;
  if (d === undefined) return undefined;
  const days = daysInMonth(Number(y), month);
  const day = Number(d);
  return day >= 1 && day <= days ? undefined : `expected a day 01-${days} (${y}-${mo} has ${days} days), found ${describeFound(text)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function decimalYear(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`not a date: ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  return y + (mo - 1) / 12 + (d - 1) / 365;
}

/** A date that may be uncertain: a date, or a distribution over decimal years. */
export const uncertainDate = uncertainOf(date, { min: 1900, max: 2200 });

/**
 * The per-path parameters of a flow and their bounds: the one list of their names, which the
 * plan, the resolution of defaults, the parameter table and the stream list all follow.
 */
const flowUncertainBounds = {
  base: { min: 0, positive: true, max: MAX_USD },
  growth: { min: -1, max: 2 },
  volatility: { min: 0, max: 3 },
  potential: { min: 0, positive: true, max: MAX_USD },
  elasticity: { min: 0, max: MAX_ELASTICITY },
  timeCostPerDay: { min: 0, max: 0.2 },
  adjustmentHalfLife: { min: 0, max: 50 },
  transitoryVolatility: { min: 0, max: 3 },
  persistence: { min: 0, max: 1 },
  permanentShare: { min: 0, max: 1, positive: true },
  jumpsPerYear: { min: 0, max: 52 },
  jumpMean: { min: -10, max: 10 },
  jumpSd: { min: 0, max: 10 },
  routeAdjustmentHalfLife: { min: 0 },
  importDemandElasticity: { min: 0 },
  valuePerTonne: { min: 0, positive: true },
} as const satisfies Record<string, Bounds>;
export type FlowUncertainKey = keyof typeof flowUncertainBounds;
export const FLOW_UNCERTAIN_PARAMETERS = Object.keys(flowUncertainBounds) as FlowUncertainKey[];
/** Parameters every flow must be given. */
export const FLOW_REQUIRED_PARAMETERS = ['base', 'growth', 'volatility'] as const satisfies readonly FlowUncertainKey[];
/**
 * Parameters a flow may leave out with no default: the part of the model they drive is then
 * absent (no saturation; no transitory part, permanent share 1, no jumps: geometric Brownian motion;
 * route changes at once).
 */
export const FLOW_ABSENT_PARAMETERS = [
  'potential', 'transitoryVolatility', 'persistence', 'permanentShare', 'jumpsPerYear', 'jumpMean', 'jumpSd',
  'routeAdjustmentHalfLife', 'importDemandElasticity', 'valuePerTonne',
] as const satisfies readonly FlowUncertainKey[];
export type FlowAbsentKey = (typeof FLOW_ABSENT_PARAMETERS)[number];
/** The flow's schedules, rates per step. */
export const FLOW_SCHEDULE_PARAMETERS = ['tariff', 'ntm'] as const;
export type FlowScheduleKey = (typeof FLOW_SCHEDULE_PARAMETERS)[number];

const flowParamShape = {
  ...(Object.fromEntries(FLOW_UNCERTAIN_PARAMETERS.map((k) => [k, uncertain(flowUncertainBounds[k])])) as Record<FlowUncertainKey, ReturnType<typeof uncertain>>),
  ...(Object.fromEntries(FLOW_SCHEDULE_PARAMETERS.map((k) => [k, schedule])) as Record<FlowScheduleKey, typeof schedule>),
  label: z.string().optional(),
  note: z.string().optional(),
};
export const flowParams = z.strictObject(flowParamShape).partial();
export type FlowParams = z.output<typeof flowParams>;

const name = z.string().max(MAX_NAME_LENGTH).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
  message: 'expected a name of letters, digits, "-" and "_", starting with a letter',
});
const direction = z.enum(DIRECTIONS);
const month = z.union([
  z.number().int().min(1).max(12),
  z.enum(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']),
]).transform((m) => (typeof m === 'number' ? m : MONTHS.indexOf(m) + 1));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A two-state disruption chain (open, closed), of a corridor or of a border its corridors share. */
const disruption = {
  closuresPerYear: uncertain({ min: 0, max: 365 }).optional(),
  meanClosureDays: uncertain({ min: 0, positive: true, max: 365 }).optional(),
  initiallyClosed: z.boolean().optional(),
  reopens: uncertainDate.optional(),
};
function checkReopens(c: { reopens?: unknown; initiallyClosed?: boolean | undefined }, ctx: z.RefinementCtx): void {
  if (c.reopens && !c.initiallyClosed) {
    ctx.addIssue({ code: 'custom', path: ['reopens'], message: 'expected "reopens" only with "initiallyClosed: true", found initiallyClosed absent or false' });
  }
}

export const corridor = z.strictObject({
  label: z.string().optional(),
  note: z.string().optional(),
  /** Freight as a share of cargo value; or by weight, costPerTonne (or costPerContainer over tonnesPerContainer), which each flow divides by its valuePerTonne. */
  freightCost: uncertain({ min: 0, max: 5 }).optional(),
  /** Freight in USD per tonne (container or bulk rate over the tonnes it carries). */
  costPerTonne: uncertain({ min: 0 }).optional(),
  /** Freight in USD per container (or truck, wagon), with the tonnes one carries. */
  costPerContainer: uncertain({ min: 0 }).optional(),
  tonnesPerContainer: uncertain({ min: 0, positive: true }).optional(),
  mode: z.enum(['road', 'rail', 'sea', 'air', 'multimodal']).optional(),
  transitDays: uncertain({ min: 0, max: 365 }),
  sectors: z.array(name).min(1).optional(),
  /** Sectors this corridor cannot carry (no grain by air). */
  excludes: z.array(name).min(1).optional(),
  directions: z.array(direction).min(1).optional(),
  opens: uncertainDate.optional(),
  closedMonths: z.array(month).optional(),
  ...disruption,
  /** A border (of `borders`) whose closures shut this corridor, together with every other corridor across it. */
  border: name.optional(),
  ...provenance,
}).superRefine((c, ctx) => {
  checkReopens(c, ctx);
  const given = (['freightCost', 'costPerTonne', 'costPerContainer'] as const).filter((k) => c[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `expected exactly one of "freightCost" (share of value), "costPerTonne" (USD per tonne) or "costPerContainer" (USD, with tonnesPerContainer), found ${given.length === 0 ? 'none' : given.join(' and ')}` });
  }
  if ((c.costPerContainer === undefined) !== (c.tonnesPerContainer === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['tonnesPerContainer'], message: 'expected "tonnesPerContainer" exactly when "costPerContainer" is given' });
  }
});
export type Corridor = z.output<typeof corridor>;

/** A border that several corridors cross: one disruption chain for all of them. */
export const border = z.strictObject({
  label: z.string().optional(),
  note: z.string().optional(),
  ...disruption,
  ...provenance,
}).superRefine(checkReopens);
export type Border = z.output<typeof border>;

const operationShape = {
  set: amount.optional(),
  add: amount.optional(),
  multiply: amount.optional(),
  ...provenance,
};
function exactlyOne(op: { set?: number | undefined; add?: number | undefined; multiply?: number | undefined }, ctx: z.RefinementCtx): void {
  const n = [op.set, op.add, op.multiply].filter((v) => v !== undefined).length;
  if (n !== 1) ctx.addIssue({ code: 'custom', message: `expected exactly one of set, add or multiply, found ${n}` });
}
const operation = z.strictObject(operationShape).superRefine(exactlyOne);
/** A tariff change; `mfn: true` when it applies to every partner (a change of the MFN tariff), else bilateral. */
const tariffOperation = z.strictObject({ ...operationShape, mfn: z.boolean().optional() }).superRefine(exactlyOne);
export type Operation = z.output<typeof operation>;

const flowEffect = z.strictObject({
  sectors: z.array(name).min(1).optional(),
  directions: z.array(direction).min(1).optional(),
  tariff: tariffOperation.optional(),
  ntm: operation.optional(),
}).superRefine((e, ctx) => {
  if (!e.tariff && !e.ntm) ctx.addIssue({ code: 'custom', message: 'expected "tariff" or "ntm" in a flow effect, found neither' });
});
const corridorEffect = z.strictObject({
  corridor: name,
  open: z.literal(true).optional(),
  freightCost: operation.optional(),
  transitDays: operation.optional(),
}).superRefine((e, ctx) => {
  if (!e.open && !e.freightCost && !e.transitDays) {
    ctx.addIssue({ code: 'custom', message: 'expected "open", "freightCost" or "transitDays" in a corridor effect, found none' });
  }
});
/**
 * An effect is a corridor effect when it names a corridor, else a flow effect: decided by that key,
 * so a mistake inside one (`open: false`, `ntm: -0.02`) is reported in that kind's terms, where a
 * union would take whichever branch's issues zod keeps.
 */
export const effect = z.unknown().transform((v, ctx): z.output<typeof corridorEffect> | z.output<typeof flowEffect> => {
  const named = v !== null && typeof v === 'object' && !Array.isArray(v) && 'corridor' in v;
  const r = (named ? corridorEffect : flowEffect).safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0]);
  return z.NEVER;
});
export type Effect = z.output<typeof effect>;

export const probability = z.union([
  amount,
  z.strictObject({ value: amount, ...provenance }),
]).transform((p) => (typeof p === 'number'
  ? { value: p, bare: true }
  : { value: p.value, source: p.source, assumption: p.assumption, bare: !p.source && !p.assumption }))
  .superRefine((p, ctx) => {
    if (!(p.value >= 0 && p.value <= 1)) ctx.addIssue({ code: 'custom', message: `expected a probability in [0, 1], found ${p.value}` });
  });

export const agreement = z.strictObject({
  label: z.string().optional(),
  note: z.string().optional(),
  probability,
  delay: uncertain({ min: 0, max: 100 }),
  effects: z.array(effect).min(1),
  /** A factor of `politicalFactors`: agreements that share one are implemented or not together, in part. */
  politicalFactor: name.optional(),
  ...provenance,
});

/**
 * A common political factor of several agreements: each agreement's implementation is decided by
 * a latent normal sqrt(rho) Z_factor + sqrt(1 - rho) Z_own, implemented when it falls below the
 * probability's quantile, so that two agreements of one factor have latent correlation rho.
 */
export const politicalFactor = z.strictObject({
  correlation: amount.pipe(z.number().min(0).max(1)),
  ...provenance,
});
export type Agreement = z.output<typeof agreement>;

const correlationValue = amount.pipe(z.number().min(-1).max(1));
export const correlation = z.strictObject({
  sameSector: correlationValue.default(0),
  sameDirection: correlationValue.default(0),
  otherwise: correlationValue.default(0),
  pairs: z.array(z.strictObject({ a: z.string(), b: z.string(), value: correlationValue })).optional(),
  ...provenance,
});

// Any value is taken, to be refused in these words: a number (a decimal year is a date elsewhere), nothing.
const startMonth = z.unknown().superRefine((text, ctx) => {
  const problem = typeof text === 'string' && /^\d{4}-\d{2}$/.test(text) ? calendarProblem(text) : `expected a start month as "YYYY-MM", found ${text === undefined ? 'nothing (the field is required)' : describeFound(text)}`;
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
}).transform((text) => text as string);

export const scenario = z.strictObject({
  extends: z.string().optional(),
  name,
  title: z.string().optional(),
  description: z.string().optional(),
  question: z.string().optional(),
  baseSeries: z.string().optional(),
  history: z.string().optional(),
  /**
   * Which series of the `history` file hold this scenario's statistics: one for the total and one
   * per direction, as the file names them (e.g. `{ total: kazakhstan-stat, "KZ>PK":
   * kazakhstan-stat-exports }`). `trade-sim backtest` takes the bases at an origin from them and
   * scores the outcomes against them; a series left out is neither used nor scored.
   */
  historySeries: z.partialRecord(z.enum(['total', ...DIRECTIONS]), z.string().min(1)).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  start: startMonth,
  horizon: z.number().int().min(1).max(60),
  stepsPerYear: z.union([z.literal(1), z.literal(4), z.literal(12)]).default(12),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  target: z.strictObject({
    value: amount.superRefine((v, ctx) => {
      if (!(v > 0 && v <= MAX_USD)) ctx.addIssue({ code: 'custom', message: `expected a value > 0 and <= ${MAX_USD} (USD per year), found ${v}` });
    }).default(1e9),
    year: z.number().int().min(1900).max(2200),
    /**
     * The rule for reaching the target in a year: the annual total at or above it in this many
     * consecutive years ending that year (1, the default: that year alone).
     */
    sustainedYears: z.number().int().min(1).max(20).optional(),
    ...provenance,
  }),
  defaults: flowParams.optional(),
  byDirection: z.partialRecord(direction, flowParams).optional(),
  flows: z.record(name, z.partialRecord(direction, flowParams)),
  correlation: correlation.optional(),
  corridors: z.record(name, corridor).optional(),
  borders: z.record(name, border).optional(),
  /**
   * The corridors open when the bases were observed (default: those open at the start): each
   * path's reference route cost is the cheapest of them at its own costs, so a path whose
   * corridors are in that state has exactly its base, whatever its elasticity.
   */
  basesObservedWith: z.strictObject({ open: z.array(name).min(1), ...provenance }).optional(),
  agreements: z.record(name, agreement).optional(),
  politicalFactors: z.record(name, politicalFactor).optional(),
  /** For `trade-sim sensitivity`: inputs merged into one, NAME: [patterns of input names]. */
  sensitivity: z.strictObject({ groups: z.record(name, z.array(z.string().min(1)).min(1)) }).optional(),
});
export type Scenario = z.output<typeof scenario>;
export type ScenarioInput = z.input<typeof scenario>;
