/** sensitivity.csv (long format, one number a row) and the terminal table of a sensitivity study. */
import { OUTPUTS } from '../../engine/kinds/path-outputs.js';
import { formatPercent, formatSwing, formatUsd } from '../../format.js';
import { csvText } from '../../results/write.js';
import type { InputResult, SensitivitySummary } from './sensitivity.js';

/** The default output folder of a scenario's sensitivity study, beside its run's `out/<name>` (the run report links to it). */
export const sensitivityFolder = (scenarioName: string) => `${scenarioName}-sensitivity`;

/** Columns: input, output, statistic, value, low, high (low and high: the 95% interval, where there is one). */
export function sensitivityCsv(s: SensitivitySummary): string {
  const rows: Array<Array<string | number | null>> = [['input', 'output', 'statistic', 'value', 'low', 'high']];
  for (const i of s.inputs) {
    for (const o of OUTPUTS) {
      const e = i[o];
      if (e.first) rows.push([i.name, o, 'first_order', e.first.value, e.first.low, e.first.high]);
      if (e.total) rows.push([i.name, o, 'total_effect', e.total.value, e.total.low, e.total.high]);
      if (e.swing) {
        rows.push([i.name, o, 'at_low_setting', e.swing.low, null, null]);
        rows.push([i.name, o, 'at_high_setting', e.swing.high, null, null]);
        rows.push([i.name, o, 'swing_se', e.swing.se, null, null]);
      }
    }
  }
  for (const o of OUTPUTS) {
    const x = s.sumOfFirst[o];
    if (x) rows.push(['(sum over inputs)', o, 'first_order', x.value, x.low, x.high]);
  }
  for (const r of s.rankCorrelation) {
    for (const o of OUTPUTS) {
      const c = r.correlation[o];
      if (c) rows.push([`param:${r.parameter}`, o, 'rank_correlation', c.value, c.low, c.high]);
      const share = r.contribution[o];
      if (share !== null) rows.push([`param:${r.parameter}`, o, 'contribution_to_variance', share, null, null]);
    }
  }
  return csvText(rows);
}

/** Inputs ordered as the report shows them: by total index of P(reached), else by the size of the swing. */
export function rankedInputs(s: SensitivitySummary): InputResult[] {
  const key = (i: InputResult) => i.reached.total?.value ?? Math.abs((i.reached.swing?.high ?? 0) - (i.reached.swing?.low ?? 0));
  return [...s.inputs].sort((a, b) => key(b) - key(a) || (a.name < b.name ? -1 : 1));
}

const idx = (x: { value: number; low: number; high: number } | undefined) =>
  (x ? `${x.value.toFixed(3)} (${x.low.toFixed(3)} to ${x.high.toFixed(3)})` : '');

/** "0.25% to 0.39% (+0.14 pp ± 0.04 pp)": the decimals show the standard error's first digit. */
const swingText = (w: { low: number; high: number; se: number }) => {
  const [low, high, swing] = formatSwing(w.low, w.high, w.se);
  return `${low} to ${high} (${swing})`;
};

/** The terminal table: the `limit` inputs that matter most for P(reached by the year). */
export function sensitivityTable(s: SensitivitySummary, limit = 15): string {
  const head = `What drives P(reached ${formatUsd(s.target.value)} by ${s.byLabel}) in ${s.scenario.name}` +
    (s.output.reached ? `: ${formatPercent(s.output.reached.mean)}` : '');
  const rows = rankedInputs(s).slice(0, limit).map((i) => {
    const w = i.reached.swing;
    return [
      i.name,
      idx(i.reached.first),
      idx(i.reached.total),
      w ? swingText(w) : '',
    ];
  });
  const header = ['input', 'first-order index (95%)', 'total index (95%)', 'tornado: P at low to high setting (swing ± se)'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (r: string[]) => r.map((x, c) => x.padEnd(widths[c] as number)).join('  ').trimEnd();
  const out = [head, '', line(header), ...rows.map(line)];
  if (s.inputs.length > limit) out.push(`... ${s.inputs.length - limit} more in sensitivity.json`);
  const sum = s.sumOfFirst.reached;
  if (sum) out.push('', `Sum of first-order indices ${idx(sum)}: the rest is interaction between inputs.`);
  const noise = s.inputs.find((i) => i.name === 'shocks')?.reached.total;
  if (noise) out.push(`Market noise (shocks) alone: total index ${idx(noise)}, the share no policy can remove.`);
  return out.join('\n');
}
