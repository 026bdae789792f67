/**
 * A scenario edited by a study (a lever set to a value, the horizon cut to the year asked about),
 * checked and compiled as if the file had said so: edits are made to the merged file contents,
 * which are validated again, so an edit the model forbids fails as a scenario problem would.
 */
import { compileScenario, type Compiled } from '../scenario/compile.js';
import { validateMerged, type LoadedScenario } from '../scenario/load.js';
import type { Plan } from '../scenario/plan.js';

export type RawEdit = (raw: Record<string, unknown>) => void;

export function compileEdited(loaded: LoadedScenario, ...edits: RawEdit[]): Compiled {
  const raw = structuredClone(loaded.raw);
  for (const edit of edits) edit(raw);
  return compileScenario(validateMerged(raw, loaded.locator, loaded.file, loaded.files));
}

/**
 * An edit: the scenario simulated only as far as the end of year `by` (one of plan.years), with
 * `by` as its target year, at a fraction of the cost when `by` is early in the horizon. The
 * results are as likely as the full run's but not the same paths past the first block of each
 * chunk: a stream is consumed block by block over the whole horizon, so a shorter horizon leaves
 * the next block at another point of it.
 */
export function upTo(plan: Plan, by: number): RawEdit {
  const y = plan.years.indexOf(by);
  if (y < 0) throw new Error(`internal: ${by} is not a year of the scenario`);
  const horizon = Math.ceil(((plan.yearEndStep[y] as number) + 1) / plan.stepsPerYear);
  return (raw) => {
    raw.horizon = horizon;
    raw.target = { ...(raw.target as Record<string, unknown>), year: by };
  };
}

/** Why `by` is not one of `years` ("expected a year of the scenario, 2026 to 2035, found 2099"), or undefined when it is or is absent; `found` says what `by` is. */
export function yearProblem(years: readonly number[], by: unknown, found: string): string | undefined {
  if (by === undefined || (typeof by === 'number' && years.includes(by))) return undefined;
  return `expected a year of the scenario, ${years[0]} to ${years[years.length - 1]}, found ${found}`;
}

export const compileUpTo = (loaded: LoadedScenario, plan: Plan, by: number): Compiled => compileEdited(loaded, upTo(plan, by));
