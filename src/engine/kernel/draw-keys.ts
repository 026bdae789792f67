/**
 * Which flows draw the same values for a parameter in a block: the per-path rows derived from the
 * same draws are computed once and copied (or read where they are), which gives the same bits.
 */
import type { ParamDraw } from '../../scenario/plan.js';

/** What a parameter's draws for a block are determined by (simulateChunk's param() keeps one array per component). */
export const drawKey = (d: ParamDraw | null): string => (d === null ? 'none' : d.kind === 'fixed' ? `=${Object.is(d.value, -0) ? '-0' : d.value}` : `~${d.component}`);

/** Per item, the first item with the same key (itself when none before it has it). */
export function firstWithKey(keys: string[]): Int32Array {
  const first = new Map<string, number>();
  return Int32Array.from(keys, (k, i) => {
    const j = first.get(k);
    if (j !== undefined) return j;
    first.set(k, i);
    return i;
  });
}
