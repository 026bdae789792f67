/**
 * The `swing` kind: plans in pairs (low, high), all on the same paths, as a tornado runs them
 * (one input at two settings, every other draw shared). Per output and pair it keeps the sums of
 * f(low), f(high), d = f(high) - f(low) and d², from which the swing and its paired standard error
 * sqrt(var(d) / N) follow.
 */
import { CHUNK } from '../kernel/index.js';
import { OUTPUT_COUNT, pathOutputsKind } from './path-outputs.js';

export const SWING_SUMS = 4;

const pairs = (k: number) => {
  if (k < 2 || k % 2 !== 0) throw new Error(`internal: the swing kind takes plans in pairs, found ${k} plans`);
  return k / 2;
};

export const swing = pathOutputsKind({
  name: 'swing',
  sums: ['swing'] as const,
  lengths: (plans) => ({ swing: OUTPUT_COUNT * pairs(plans.length) * SWING_SUMS }),
  accumulator: (plans) => {
    const m = pairs(plans.length);
    return (values, n, into) => {
      const s = into.swing;
      for (let j = 0; j < m; j++) {
        const lo = values[2 * j] as Float64Array, hi = values[2 * j + 1] as Float64Array;
        for (let o = 0; o < OUTPUT_COUNT; o++) {
          let sl = 0, sh = 0, sd = 0, sdd = 0;
          for (let p = o * CHUNK, end = p + n; p < end; p++) {
            const a = lo[p] as number, b = hi[p] as number, dd = b - a;
            sl += a; sh += b; sd += dd; sdd += dd * dd;
          }
          const at = (o * m + j) * SWING_SUMS;
          s[at] = (s[at] as number) + sl;
          s[at + 1] = (s[at + 1] as number) + sh;
          s[at + 2] = (s[at + 2] as number) + sd;
          s[at + 3] = (s[at + 3] as number) + sdd;
        }
      }
    };
  },
});
