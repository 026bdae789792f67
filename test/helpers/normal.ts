/* eslint-disable no-loss-of-precision -- Cody's published coefficients carry more digits than a double holds */
/**
 * The tests' independent reference for the standard normal: erfc by W. J. Cody's rational
 * Chebyshev approximations (Math. Comp. 23, 1969; relative error below 1e-14 on the ranges used
 * here), and the CDF from it. The engine's own normal is src/engine/normal-dist.ts, a different
 * algorithm (series and continued fraction), so agreement between the two is a real check.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  let r: number;
  if (z < 0.5) {
    const t = z * z;
    const num = ((((1.857777061846031526730e-1 * t + 3.161123743870565596947) * t + 1.138641541510501556495e2) * t + 3.774852376853020208137e2) * t + 3.209377589138469472562e3);
    const den = ((((t + 2.360129095234412093499e1) * t + 2.440246379344441733056e2) * t + 1.282616526077372275645e3) * t + 2.844236833439170622273e3);
    r = 1 - z * num / den;
    return x < 0 ? 2 - r : r;
  }
  if (z < 4) {
    const num = (((((((2.15311535474403846343e-8 * z + 5.64188496988670089180e-1) * z + 8.88314979438837594118) * z + 6.61191906371416294775e1) * z + 2.98635138197400131132e2) * z + 8.81952221241769090411e2) * z + 1.71204761263407058314e3) * z + 2.05107837782607146532e3) * z + 1.23033935479799725272e3;
    const den = (((((((z + 1.57449261107098347253e1) * z + 1.17693950891312499305e2) * z + 5.37181101862009857509e2) * z + 1.62138957456669018874e3) * z + 3.29079923573345962678e3) * z + 4.36261909014324715820e3) * z + 3.43936767414372163696e3) * z + 1.23033935480374942043e3;
    r = Math.exp(-z * z) * num / den;
  } else {
    const t = 1 / (z * z);
    const num = ((((1.63153871373020978498e-2 * t + 3.05326634961232344035e-1) * t + 3.60344899949804439429e-1) * t + 1.25781726111229246204e-1) * t + 1.60837851487422766278e-2) * t + 6.58749161529837803157e-4;
    const den = ((((t + 2.56852019228982242072) * t + 1.87295284992346725209) * t + 5.27905102951428412248e-1) * t + 6.05183413124413191178e-2) * t + 2.33520497626869185443e-3;
    r = Math.exp(-z * z) / z * (1 / Math.sqrt(Math.PI) - t * num / den);
  }
  return x < 0 ? 2 - r : r;
}

/** The standard normal CDF. */
export const normalCdf = (x: number) => 0.5 * erfc(-x / Math.SQRT2);

