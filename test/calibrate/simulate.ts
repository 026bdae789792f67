/**
 * Synthetic annual histories of the permanent + transitory model, by the obvious recursion:
 *   l_0 = ln 100M, c_0 ~ N(0, sigmaT^2 / (1 - phi^2)); each later year
 *   l_t = l_{t-1} + mu + sigmaP z,  c_t = phi c_{t-1} + sigmaT z',  y_t = l_t + c_t,
 * years from 1900, normals from the engine's generator on a fixed stream per seed.
 */
import type { AnnualLogs, ModelParams } from '../../src/calibrate/kalman.js';
import { fillNormals } from '../../src/engine/normals.js';
import { streamFor } from '../../src/engine/streams.js';

export function simulateHistory(p: ModelParams, years: number, seed: number): AnnualLogs {
  const z = new Float64Array(2 * years);
  fillNormals(streamFor(seed, 0, 'test:calibrate:history'), z, 0, z.length);
  let l = Math.log(100e6);
  let c = (z[0]! * p.sigmaT) / Math.sqrt(1 - p.phi * p.phi);
  const out = { years: [] as number[], y: [] as number[] };
  for (let t = 0; t < years; t++) {
    if (t > 0) {
      l += p.mu + p.sigmaP * z[2 * t]!;
      c = p.phi * c + p.sigmaT * z[2 * t + 1]!;
    }
    out.years.push(1900 + t);
    out.y.push(l + c);
  }
  return out;
}
