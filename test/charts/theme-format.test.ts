import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import { USD_LABEL_EXPR, yearLabelExpr } from '../../src/charts/theme.js';
import { formatPercent, formatPercentWithError, formatPoints, formatSignedUsd, formatUsd, groupThousands } from '../../src/format.js';
import { dejaVuWidth } from '../../src/charts/metrics.js';
import { makeSummary } from './fixture-summary.js';

/** Evaluates a Vega expression with `datum.value = value`, as an axis label expression is: by Vega itself. */
async function evalLabel(expr: string, value: number): Promise<unknown> {
  const spec: vega.Spec = {
    data: [{ name: 'd', values: [{ value }], transform: [{ type: 'formula', expr, as: 'out' }] }],
  };
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  await view.runAsync();
  const out = (view.data('d')[0] as { out: unknown }).out;
  view.finalize();
  return out;
}

describe('theme formats', () => {
  it('writes USD with M and B, never G', () => {
    expect(formatUsd(1e9)).toBe('$1B');
    expect(formatUsd(1.25e9)).toBe('$1.25B');
    expect(formatUsd(999.96e6)).toBe('$1B');
    expect(formatUsd(630_412_000)).toBe('$630M');
    expect(formatUsd(45_000)).toBe('$45k');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(-2.5e6)).toBe('-$2.5M');
    expect(formatUsd(NaN)).toBe('n/a');
    expect(formatUsd(undefined)).toBe('n/a');
  });

  it('writes signed differences, percentages and percentage points', () => {
    expect(formatSignedUsd(12.5e6)).toBe('+$12.5M');
    expect(formatSignedUsd(-3e6)).toBe('−$3M');
    expect(formatSignedUsd(0)).toBe('$0');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.1234, 2)).toBe('12.34%');
    expect(formatPercent(Infinity)).toBe('n/a');
    expect(formatPoints(0.0123)).toBe('+1.2 pp');
    expect(formatPoints(-0.0123, 2)).toBe('−1.23 pp');
    expect(formatPoints(-0.00001)).toBe('0.0 pp');
    expect(formatPoints(0.0045, 2, false)).toBe('0.45 pp');
  });

  it('shows a probability to the decimals of its standard error', () => {
    expect(formatPercentWithError(0.128, 0.0033)).toBe('12.8% ± 0.3%');
    expect(formatPercentWithError(0.003, 0.00054)).toBe('0.30% ± 0.05%');
    expect(formatPercentWithError(0.0004, 0.00002)).toBe('0.040% ± 0.002%');
    expect(formatPercentWithError(0.5, 0)).toBe('50.0% ± 0.0%');
    expect(formatPercentWithError(1e-7, 1e-8)).toBe('0.000% ± < 0.001%');
    expect(formatPercentWithError(NaN, 0.01)).toBe('n/a ± 1.0%');
  });

  it('axis label expression writes B for billions', async () => {
    expect(await evalLabel(USD_LABEL_EXPR, 1e9)).toBe('$1B');
    expect(await evalLabel(USD_LABEL_EXPR, 1.5e9)).toBe('$1.5B');
    expect(await evalLabel(USD_LABEL_EXPR, 250e6)).toBe('$250M');
    expect(await evalLabel(USD_LABEL_EXPR, 0)).toBe('$0');
  });

  it('fiscal year labels cover projected and history years', async () => {
    const expr = yearLabelExpr(makeSummary({ fiscal: true }))!;
    expect(await evalLabel(expr, 2030)).toBe('FY2029-30');
    expect(await evalLabel(expr, 2022)).toBe('FY2021-22');
    expect(await evalLabel(expr, 2001)).toBe('FY2000-01');
    expect(yearLabelExpr(makeSummary())).toBeNull();
  });

  it('groups thousands without ICU', () => {
    expect(groupThousands(10000)).toBe('10,000');
    expect(groupThousands(1234567)).toBe('1,234,567');
    expect(groupThousands(999)).toBe('999');
  });

  it('measures DejaVu Sans text, narrower than Vega\'s 0.8 em guess', () => {
    const w = dejaVuWidth('2030', 11);
    expect(w).toBeCloseTo(4 * 0.636 * 11, 6);
    expect(dejaVuWidth('Target', 11, 'bold')).toBeGreaterThan(dejaVuWidth('Target', 11));
  });
});
