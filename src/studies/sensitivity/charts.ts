/**
 * The sensitivity study's charts, as Vega-Lite specs in the run charts' look (charts/theme.ts):
 * the tornado of P(reached by the year), and the Sobol first-order and total indices with their
 * 95% intervals. Inputs are named as the file writes them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { textTooltip } from '../../charts/common.js';
import type { ChartToWrite } from '../../charts/write.js';
import { MUTED, OKABE_ITO, theme } from '../../charts/theme.js';
import { formatPercent, formatPoints, formatUsd, groupThousands } from '../../format.js';
import type { SensitivitySummary } from './sensitivity.js';
import { rankedInputs } from './write.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Bars shown: the inputs that matter most. */
export const CHART_INPUTS = 15;

const runLine = (s: SensitivitySummary) => `${groupThousands(s.paths)} simulated paths on common random numbers · seed ${s.seed}`;
const title = (s: SensitivitySummary, subject: string, lines: string[]) => ({
  text: `${subject} — ${s.scenario.name}`,
  subtitle: [...lines, runLine(s)],
});

export function tornadoSpec(s: SensitivitySummary): TopLevelSpec | null {
  const withSwing = s.inputs.filter((i) => i.reached.swing);
  if (withSwing.length === 0) return null;
  const rows = withSwing
    .map((i) => {
      const w = i.reached.swing!;
      return {
        input: i.name, low: w.low, high: w.high, lo: Math.min(w.low, w.high), hi: Math.max(w.low, w.high), swing: Math.abs(w.high - w.low),
        direction: w.high >= w.low ? 'higher at the high setting' : 'lower at the high setting',
        lowText: `${i.settings?.low ?? ''}: ${formatPercent(w.low)}`,
        highText: `${i.settings?.high ?? ''}: ${formatPercent(w.high)}`,
        swingText: `${formatPoints(w.high - w.low)} ± ${formatPoints(w.se, 1, false)} (paired s.e.)`,
      };
    })
    .sort((a, b) => b.swing - a.swing || (a.input < b.input ? -1 : 1))
    .slice(0, CHART_INPUTS);
  const base = s.output.reached?.mean;
  const y = { field: 'input', type: 'nominal', sort: rows.map((r) => r.input), axis: { title: null, labelLimit: 320 } } as const;
  const spec = {
    $schema: SCHEMA,
    description: `Tornado: P(reached by ${s.byLabel}) with each input at its low and its high setting, every other draw shared.`,
    title: title(s, `What moves P(reached ${formatUsd(s.target.value)} by ${s.byLabel})`, [
      'Each bar: one input at its low and its high setting (a parameter at its 10th and 90th percentile; an agreement never and always', 'implemented), every other draw the same. Largest swings first.' + (base !== undefined ? ` Line: the scenario as written, ${formatPercent(base)}.` : ''),
    ]),
    config: theme,
    width: 560,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: 'lo', type: 'quantitative', scale: { zero: false, nice: true }, axis: { title: `P(reached by ${s.byLabel})`, format: '.0%' } },
          x2: { field: 'hi' },
          color: { field: 'direction', type: 'nominal', scale: { domain: ['higher at the high setting', 'lower at the high setting'], range: [OKABE_ITO.blue, OKABE_ITO.vermillion] }, legend: { title: null, orient: 'bottom' } },
          tooltip: textTooltip(['input', 'Input'], ['lowText', 'Low setting'], ['highText', 'High setting'], ['swingText', 'Swing']),
        },
      },
      ...(base !== undefined ? [{
        data: { values: [{ base }] },
        mark: { type: 'rule', color: MUTED, strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'base', type: 'quantitative' } },
      }] : []),
    ],
  };
  return spec as TopLevelSpec;
}

export function sobolSpec(s: SensitivitySummary): TopLevelSpec | null {
  const inputs = rankedInputs(s).filter((i) => i.reached.total).slice(0, CHART_INPUTS);
  if (inputs.length === 0) return null;
  const rows = inputs.flatMap((i) => (['first', 'total'] as const).map((k) => {
    const x = i.reached[k]!;
    return {
      input: i.name, index: k === 'first' ? 'first-order' : 'total', value: x.value, low: x.low, high: x.high,
      text: `${x.value.toFixed(3)} (95%: ${x.low.toFixed(3)} to ${x.high.toFixed(3)})`,
    };
  }));
  const y = { field: 'input', type: 'nominal', sort: inputs.map((i) => i.name), axis: { title: null, labelLimit: 320 } } as const;
  const color = { field: 'index', type: 'nominal', scale: { domain: ['first-order', 'total'], range: [OKABE_ITO.skyBlue, OKABE_ITO.blue] }, legend: { title: 'Sobol index', orient: 'bottom' } } as const;
  const yOffset = { field: 'index', type: 'nominal', sort: ['first-order', 'total'] } as const;
  const spec = {
    $schema: SCHEMA,
    description: `Sobol first-order and total indices of whether the target is reached by ${s.byLabel}, with 95% intervals.`,
    title: title(s, `Share of the variance of reaching ${formatUsd(s.target.value)} by ${s.byLabel}`, [
      'First-order: the share an input explains alone; total: with all its interactions (pick-freeze on its random streams).',
      'Lines: 95% intervals (delta method). Largest total index first.',
    ]),
    config: theme,
    width: 560,
    height: Math.max(120, 26 * inputs.length),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y, yOffset, color,
          x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1], clamp: true }, axis: { title: 'Index (share of variance)' } },
          tooltip: textTooltip(['input', 'Input'], ['index', 'Index'], ['text', 'Estimate']),
        },
      },
      {
        mark: { type: 'rule', color: '#333333', strokeWidth: 1.2 },
        encoding: { y, yOffset, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
    ],
  };
  return spec as TopLevelSpec;
}

export function sensitivityCharts(s: SensitivitySummary): ChartToWrite[] {
  const out: ChartToWrite[] = [];
  const sobol = sobolSpec(s);
  if (sobol) out.push({ name: 'sobol', title: `Sobol indices of reaching the target by ${s.byLabel}`, spec: sobol });
  const tornado = tornadoSpec(s);
  if (tornado) out.push({ name: 'tornado', title: `Tornado: P(reached by ${s.byLabel}) at each input's low and high setting`, spec: tornado });
  return out;
}
