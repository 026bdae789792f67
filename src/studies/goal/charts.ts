/**
 * The goal study's chart, as a Vega-Lite spec in the run charts' look (charts/theme.ts): the curve
 * it walked, P(reached by the year) against the lever with each point's 95% Monte Carlo interval,
 * the probability asked for, and the answer with its interval.
 */
import type { TopLevelSpec } from 'vega-lite';
import { textTooltip } from '../../charts/common.js';
import type { ChartToWrite } from '../../charts/write.js';
import { FAN, MUTED, TARGET_COLOR, theme, USD_LABEL_EXPR } from '../../charts/theme.js';
import { formatPercent, formatPercentWithError, formatUsd, groupThousands } from '../../format.js';
import { Z95 } from '../../results/statistics.js';
import { isMoneyLever, leverValueText, type GoalSummary } from './goal.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export function goalCurveSpec(g: GoalSummary): TopLevelSpec {
  const leverText = leverValueText(g.fields);
  const money = isMoneyLever(g.fields);
  const points = g.curve.map((c) => ({
    value: c.value, p: c.probability,
    lo: Math.max(0, c.probability - Z95 * c.standardError), hi: Math.min(1, c.probability + Z95 * c.standardError),
    valueText: leverText(c.value), pText: formatPercentWithError(c.probability, c.standardError),
  }));
  const x = { field: 'value', type: 'quantitative', scale: { domain: g.range, nice: false, zero: false }, axis: { title: `${g.lever} (${money ? 'USD' : 'as the file writes it'})`, labelLimit: 600, ...(money ? { labelExpr: USD_LABEL_EXPR } : { format: '~g' }) } } as const;
  // From 0 to what the curve and the probability asked reach, not to 1: a curve of a few percent reads as flat on a 0-100% axis.
  const y = { field: 'p', type: 'quantitative', scale: { zero: true, nice: true }, axis: { title: `P(reached by ${g.byLabel})`, format: '.1~%', tickCount: 6 } } as const;
  const answer = g.found && g.value !== null && g.low !== null && g.high !== null
    ? [
      {
        name: 'answer-interval',
        data: { values: [{ low: Math.max(g.range[0], g.low), high: Math.min(g.range[1], g.high) }] },
        mark: { type: 'rect', color: FAN.inner, opacity: 0.5 },
        encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      {
        name: 'answer',
        data: { values: [{ value: g.value, text: `${leverText(g.value)} (95% Monte Carlo interval ${leverText(g.low)} to ${leverText(g.high)})` }] },
        mark: { type: 'rule', color: FAN.median, strokeWidth: 2 },
        encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: textTooltip(['text', 'Answer']) },
      },
    ]
    : [];
  const spec = {
    $schema: SCHEMA,
    description: `P(reached the target by ${g.byLabel}) against the lever ${g.lever}, at every value the goal study simulated, on the same paths.`,
    title: {
      text: `What it takes: P(reaching ${formatUsd(g.target.value)} by ${g.byLabel}) against the lever — ${g.scenario.name}`,
      subtitle: [
        `Dots: the values simulated, each with its 95% Monte Carlo interval; dashed: the ${formatPercent(g.probability)} asked for${answer.length > 0 ? '; shaded: the answer\'s 95% interval' : ''}.`,
        `The lever sets ${g.fields.join(', ')}.`,
        `${groupThousands(g.paths)} simulated paths for every value (common random numbers) · seed ${g.seed}`,
      ],
    },
    config: theme,
    width: 640,
    height: 300,
    layer: [
      ...answer,
      {
        name: 'asked',
        data: { values: [{ p: g.probability, text: formatPercent(g.probability) }] },
        mark: { type: 'rule', color: TARGET_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'p', type: 'quantitative' }, tooltip: textTooltip(['text', 'Probability asked for']) },
      },
      {
        name: 'intervals',
        data: { values: points },
        mark: { type: 'rule', color: MUTED, strokeWidth: 1.5 },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        name: 'curve',
        data: { values: points },
        mark: { type: 'line', color: FAN.median, strokeWidth: 2, point: { filled: true, size: 40, color: FAN.median } },
        encoding: { x, y, tooltip: textTooltip(['valueText', 'Lever value'], ['pText', 'P ± s.e.']) },
      },
    ],
  };
  return spec as TopLevelSpec;
}

export function goalCharts(g: GoalSummary): ChartToWrite[] {
  return [{ name: 'goal-curve', title: 'What it takes: the probability against the lever', spec: goalCurveSpec(g) }];
}
