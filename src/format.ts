/**
 * How numbers are written for people, everywhere (terminal tables, chart titles and tooltips, the
 * HTML reports): one USD format, thousands separators, percentages and percentage points. A value
 * that is not a finite number is written "n/a". (Amounts as scenario files write them, "1.00B", are
 * scenario/amount.ts's formatAmount.)
 */

const NA = 'n/a';
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** USD with k, M, B or T and up to `digits` significant digits: 1e9 -> "$1B", 1.234e9 -> "$1.23B", 45000 -> "$45k". */
export function formatUsd(value: number | undefined, digits = 3): string {
  if (!finite(value)) return NA;
  const abs = Math.abs(value);
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of units) {
    if (abs >= size * 0.9995) return `${value < 0 ? '-' : ''}$${trimNumber(abs / size, digits)}${suffix}`;
  }
  return `${value < 0 ? '-' : ''}$${trimNumber(abs, digits)}`;
}

function trimNumber(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/** A difference in USD, signed: "+$12.5M", "−$3M" (a minus sign, not a hyphen), "$0". */
export function formatSignedUsd(v: number | undefined): string {
  if (!finite(v)) return NA;
  if (v === 0) return '$0';
  return v > 0 ? `+${formatUsd(v)}` : `−${formatUsd(-v)}`;
}

/** 10000 -> "10,000" (toLocaleString needs ICU, slow on first use). */
export function groupThousands(n: number): string {
  const [int = '', frac] = String(n).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(p: number | undefined, decimals = 1): string {
  return finite(p) ? `${(p * 100).toFixed(decimals)}%` : NA;
}

/**
 * A probability with its standard error, both as percentages to the decimals that show the
 * error's first significant digit (1 to 3): 0.128, 0.0033 -> "12.8% ± 0.3%";
 * 0.003, 0.00054 -> "0.30% ± 0.05%". An error below 0.0005 percentage points shows as "< 0.001%".
 */
export function formatPercentWithError(p: number | undefined, se: number | undefined): string {
  if (!finite(p) || !finite(se)) return `${formatPercent(p)} ± ${formatPercent(se)}`;
  const points = 100 * se;
  const decimals = errorDecimals(se);
  const error = points > 0 && points < 0.0005 ? '< 0.001%' : formatPercent(se, decimals);
  return `${formatPercent(p, decimals)} ± ${error}`;
}

/** Decimals of a percentage that show a standard error's first significant digit: 1 to 3 (0.0033 -> 1, 0.00054 -> 2). */
function errorDecimals(se: number): number {
  const points = 100 * se;
  return points >= 0.095 || points === 0 ? 1 : Math.min(3, Math.ceil(-Math.log10(points) - 1e-9));
}

/**
 * A tornado's swing: P at the low and the high setting, the difference and its paired standard
 * error, each to the decimals that show the error's first significant digit (as
 * formatPercentWithError): 0.0025, 0.0039, 0.0004 -> ["0.25%", "0.39%", "+0.14 pp ± 0.04 pp"].
 */
export function formatSwing(low: number, high: number, se: number): [string, string, string] {
  const decimals = finite(se) ? errorDecimals(se) : 1;
  return [formatPercent(low, decimals), formatPercent(high, decimals), `${formatPoints(high - low, decimals)} ± ${formatPoints(se, decimals, false)}`];
}

/**
 * A difference of fractions in percentage points: 0.0123 -> "+1.2 pp", -0.0123 -> "−1.2 pp",
 * nothing signed when it rounds to zero; `signed: false` for a size such as a standard error.
 */
export function formatPoints(d: number | undefined, decimals = 1, signed = true): string {
  if (!finite(d)) return NA;
  const m = Math.abs(100 * d).toFixed(decimals);
  if (!signed || Number(m) === 0) return `${m} pp`;
  return `${d > 0 ? '+' : '−'}${m} pp`;
}

/** Under target.sustainedYears k > 1, the sentence that says how a year reaches the target; '' for the single-year rule. */
export function sustainedNote(sustainedYears: number | undefined): string {
  if (sustainedYears === undefined || sustainedYears <= 1) return '';
  const before = sustainedYears - 1;
  return ` A year counts only when its annual total and those of the ${before === 1 ? 'year' : `${before} years`} before it are all at or above the target.`;
}
