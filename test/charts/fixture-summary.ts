/** The synthetic Summary of the chart tests (src/charts/sample-summary.ts), and one with hostile text. */
import type { Summary } from '../../src/results/summary.js';
import { makeSummary } from '../../src/charts/sample-summary.js';

export { makeSummary, FIXTURE_SECTORS, FIXTURE_DIRECTIONS, type FixtureOptions } from '../../src/charts/sample-summary.js';

/** Text meant to break out of HTML or script elements, for the escaping tests. */
export const NASTY = {
  title: 'Fast <b>track</b> & "quotes" </script><script>alert(1)</script>',
  warning: '<img src=x onerror="alert(2)"> & </script><!--',
  parameter: "flows.textiles.PK>KZ.growth' onmouseover='alert(3)",
};

export function nastySummary(): Summary {
  const summary = makeSummary();
  summary.scenario.title = NASTY.title;
  summary.scenario.description = 'Tariffs < 5% & quotas > 0';
  summary.warnings.push(NASTY.warning);
  summary.parameters.push({ path: NASTY.parameter, value: '<svg onload=alert(4)>', source: 'a & b' });
  summary.corridors[0]!.label = '</script><script>alert(5)</script>';
  return summary;
}
