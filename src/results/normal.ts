/* eslint-disable no-loss-of-precision -- Cody's published coefficients carry more digits than a double holds */
/**
 * The standard normal distribution: erfc by W. J. Cody's rational Chebyshev approximations
 * (Math. Comp. 23, 1969; relative error below 1e-14 on the ranges used here), the CDF, the
 * density and the upper quantile.
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

/** The standard normal density. */
export const normalPdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** z with P(Z > z) = p for the standard normal, by Acklam's rational approximation (relative error below 1.2e-9). */
export function normalQuantileUpper(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  // Lower-tail quantile of 1 - p, so that a small p gives a large positive z.
  const q = 1 - p;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return poly(c, r) / poly(d, r);
  }
  if (q > 1 - 0.02425) {
    const r = Math.sqrt(-2 * Math.log(p));
    return -poly(c, r) / poly(d, r);
  }
  const u = q - 0.5;
  const r = u * u;
  return (poly(a, r) * u) / poly(b, r);
}
