/**
 * A goal's lever: one number written at one or more fields of the scenario file. The path is the
 * field path as the file writes it (`byDirection.PK>KZ.growth`); `*` stands for every key at its
 * level (`flows.*.PK>KZ.growth`: each flow's own PK>KZ growth) and a comma separates paths.
 * Setting the lever writes the value at each field (replacing a distribution by that value), with
 * an assumption saying so; the edited file is validated as a file would be.
 */
import { FLOW_SCHEDULE_PARAMETERS, FLOW_UNCERTAIN_PARAMETERS } from '../../scenario/schema.js';
import type { RawEdit } from '../variant.js';
import { exp } from '../../engine/exp-log.js';
import { parseAmount } from '../../scenario/amount.js';

export class LeverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeverError';
  }
}

const FLOW_PARAMETER_NAMES: readonly string[] = [...FLOW_UNCERTAIN_PARAMETERS, ...FLOW_SCHEDULE_PARAMETERS];
const CORRIDOR_LEVERS = ['freightCost', 'costPerTonne', 'costPerContainer', 'tonnesPerContainer', 'transitDays', 'opens', 'closuresPerYear', 'meanClosureDays', 'reopens'];
const BORDER_LEVERS = ['closuresPerYear', 'meanClosureDays', 'reopens'];
const AGREEMENT_LEVERS = ['probability', 'delay'];

/**
 * The fields a lever may set: the numbers of the model the schema lets be written
 * `{ value, assumption }`, as [the keys above the field ('*': any), the field's names]. Not the
 * calendar, the target, correlations or an agreement's effects.
 */
export const LEVER_PLACES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['defaults'], FLOW_PARAMETER_NAMES],
  [['byDirection', '*'], FLOW_PARAMETER_NAMES],
  [['flows', '*', '*'], FLOW_PARAMETER_NAMES],
  [['corridors', '*'], CORRIDOR_LEVERS],
  [['borders', '*'], BORDER_LEVERS],
  [['agreements', '*'], AGREEMENT_LEVERS],
];

/** Whether `path` (keys, '*' any) can name a lever field; with no '*', whether it is one. */
const mayBeLever = (path: readonly string[]) => LEVER_PLACES.some(([above, names]) => {
  const last = path[above.length] as string;
  return path.length === above.length + 1 && above.every((k, i) => k === '*' || path[i] === '*' || k === path[i]) && (last === '*' || names.includes(last));
});

const ACCEPTED = `a flow parameter (${FLOW_PARAMETER_NAMES.join(', ')}) under defaults, byDirection.DIRECTION or flows.SECTOR.DIRECTION; `
  + `corridors.NAME.(${CORRIDOR_LEVERS.join(', ')}); borders.NAME.(${BORDER_LEVERS.join(', ')}); or agreements.NAME.(${AGREEMENT_LEVERS.join(', ')})`;

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields a lever names in the merged file, as paths of keys; a LeverError when it names none. */
export function leverFields(raw: Record<string, unknown>, lever: string): string[][] {
  const out: string[][] = [];
  for (const path of lever.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const segs = path.split('.');
    const notALever = (field: string[]) => new LeverError(
      `--lever: expected a number of the model that goal can set: ${ACCEPTED}; found "${path}"${field.join('.') === path ? '' : ` (${field.join('.')})`}, which is not one`);
    if (!mayBeLever(segs)) throw notALever(segs);
    const found: string[][] = [];
    const walk = (node: Record<string, unknown>, i: number, at: string[]) => {
      const seg = segs[i] as string;
      const last = i === segs.length - 1;
      const keys = seg === '*' ? Object.keys(node) : [seg];
      for (const k of keys) {
        if (last) {
          if (k in node || (seg !== '*' && FLOW_PARAMETER_NAMES.includes(k))) found.push([...at, k]);
        } else if (isMapping(node[k])) walk(node[k], i + 1, [...at, k]);
      }
    };
    walk(raw, 0, []);
    // A last key may be new if it is a flow parameter (a flow's own growth, where it took its direction's).
    if (found.length === 0) throw new LeverError(`--lever: expected a field path of the scenario (e.g. byDirection.PK>KZ.growth, flows.*.PK>KZ.growth), found "${path}", which names no field of the file`);
    const other = found.find((f) => !mayBeLever(f));
    if (other) throw notALever(other);
    out.push(...found);
  }
  if (out.length === 0) throw new LeverError('--lever: expected a field path, found nothing');
  return out;
}

/** What the file says at a field (a number, a distribution, an annotated value), or undefined. */
export function fieldValue(raw: Record<string, unknown>, field: string[]): unknown {
  let node: unknown = raw;
  for (const k of field) node = isMapping(node) ? node[k] : undefined;
  return isMapping(node) && 'value' in node && !('dist' in node) ? node.value : node;
}

/** The edit that sets every field to `value`. */
export function setLever(fields: string[][], value: number): RawEdit {
  return (raw) => {
    for (const field of fields) {
      let node = raw;
      for (const k of field.slice(0, -1)) node = node[k] as Record<string, unknown>;
      node[field[field.length - 1] as string] = { value, assumption: 'set by trade-sim goal (the lever)' };
    }
  };
}

/**
 * A default range for the lever from what the file says at its first field: a distribution's
 * bounds (normal: mean ± 3 sd; lognormal: median e^(± 3 sdlog)), a number v (bare or an amount): [0, 2v]; null when
 * neither applies (a schedule, a date written as text): the user then names --range.
 */
export function defaultRange(v: unknown): [number, number] | null {
  const given = numberWritten(v);
  if (given !== undefined && given !== 0) return given > 0 ? [0, 2 * given] : [2 * given, 0];
  if (!isMapping(v)) return null;
  const num = (x: unknown) => numberWritten(x) ?? NaN;
  let r: [number, number];
  switch (v.dist) {
    case 'normal': r = [num(v.mean) - 3 * num(v.sd), num(v.mean) + 3 * num(v.sd)]; break;
    case 'lognormal': r = [num(v.median) * exp(-3 * num(v.sdlog)), num(v.median) * exp(3 * num(v.sdlog))]; break;
    default: r = [num(v.min), num(v.max)];
  }
  return Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1] ? r : null;
}

/** A number as the file writes it, bare or as an amount ("40M", "7.1%"); undefined for anything else (a date "2027-06"). */
export function numberWritten(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x !== 'string') return undefined;
  const v = parseAmount(x);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
