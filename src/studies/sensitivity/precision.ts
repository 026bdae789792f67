/**
 * The stopping rules of a sensitivity study asked for a precision (--precision SE; engine/driver.ts
 * decides on the chunk-ordered prefix, so the same bits for any number of workers). The study ranks
 * inputs by their effect on P(reached by the year), so the rule bounds the standard error of that
 * effect for every input, the largest over the inputs:
 * - Sobol: the first-order index of `reached` (delta method, cautious with one pseudo-path when
 *   few paths tell, indices.ts). Where `reached` does not
 *   vary over the paths so far (no path reached, or all did) there is no index: the rule then uses
 *   the standard error of P(reached) itself, cautious ((k+1)/(n+2)), so that a probability pinned
 *   near 0 or 1 stops the study once it is pinned to within SE.
 * - Tornado alone: the paired standard error of each swing in P(reached), cautious (one pseudo-path
 *   each way, results/statistics.ts cautiousPairedSe), so that no discordant path after the first
 *   round does not stop the study at once.
 */
import type { PrecisionRule } from '../../engine/driver.js';
import { OUTPUTS, type OutputsPartial } from '../../engine/kinds/path-outputs.js';
import { SWING_SUMS } from '../../engine/kinds/swing.js';
import { cautiousPairedSe, cautiousProportionSe } from '../../results/statistics.js';
import { momentsAt, sobolEstimate } from './indices.js';

const REACHED = OUTPUTS.indexOf('reached');

/** The largest standard error of the inputs' first-order indices of P(reached), `inputs` inputs. */
export function sobolPrecision(inputs: number, standardError: number): PrecisionRule<OutputsPartial<'moments' | 'ranks'>, 'moments' | 'ranks'> {
  return {
    standardError,
    of: (p, { moments }) => {
      let se = 0;
      for (let i = 0; i < inputs; i++) {
        const est = sobolEstimate(moments, momentsAt(REACHED, i, inputs), p.paths, true);
        if (!est) {
          // `reached` is constant over A (and B): sums a and b count the paths that reached.
          const at = momentsAt(REACHED, 0, inputs);
          const k = ((moments[at] as number) + (moments[at + 1] as number)) / 2;
          return cautiousProportionSe(k, p.paths);
        }
        se = Math.max(se, est.firstSe);
      }
      return se;
    },
  };
}

/** The largest paired standard error of the swings in P(reached) of `pairs` tornado pairs. */
export function swingPrecision(pairs: number, standardError: number): PrecisionRule<OutputsPartial<'swing'>, 'swing'> {
  return {
    standardError,
    of: (p, { swing }) => {
      let se = 0;
      for (let j = 0; j < pairs; j++) {
        // d = high - low is -1, 0 or 1 on a path: its sum and sum of squares give the discordant paths.
        const at = (REACHED * pairs + j) * SWING_SUMS;
        const sd = swing[at + 2] as number, sdd = swing[at + 3] as number;
        se = Math.max(se, cautiousPairedSe(p.paths, (sdd - sd) / 2, (sdd + sd) / 2));
      }
      return se;
    },
  };
}
