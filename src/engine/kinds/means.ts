/**
 * The `means` kind: K plans on the same paths (a lever at K values, say), keeping per plan and
 * output the sums of f and f²: each plan's P(reached) and mean outputs, with common random
 * numbers across the plans.
 */
import { CHUNK } from '../kernel/index.js';
import { OUTPUT_COUNT, pathOutputsKind } from './path-outputs.js';

export const means = pathOutputsKind({
  name: 'means',
  sums: ['means'] as const,
  lengths: (plans) => ({ means: OUTPUT_COUNT * plans.length * 2 }),
  accumulator: (plans) => (values, n, into) => {
    const s = into.means;
    plans.forEach((_, k) => {
      const v = values[k] as Float64Array;
      for (let o = 0; o < OUTPUT_COUNT; o++) {
        let a = 0, aa = 0;
        for (let p = o * CHUNK, end = p + n; p < end; p++) { const x = v[p] as number; a += x; aa += x * x; }
        const at = (o * plans.length + k) * 2;
        s[at] = (s[at] as number) + a;
        s[at + 1] = (s[at + 1] as number) + aa;
      }
    });
  },
});
