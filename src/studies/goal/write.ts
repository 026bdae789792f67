/** The terminal text of a goal study: the answer and the curve it walked. */
import { formatPercentWithError, groupThousands } from '../../format.js';
import { leverValueText, type GoalSummary } from './goal.js';

/** The default output folder of a scenario's goal study, beside its run's `out/<name>` (the run report names it). */
export const goalFolder = (scenarioName: string) => `${scenarioName}-goal`;

export function goalTable(g: GoalSummary): string {
  const lines = [g.answer, '', `${'lever value'.padEnd(14)}  P(reached by ${g.byLabel}) ± se`];
  // Six digits: the bisection's values lie close together.
  const value = leverValueText(g.fields, 6);
  for (const c of g.curve) lines.push(`${value(c.value).padEnd(14)}  ${formatPercentWithError(c.probability, c.standardError)}`);
  lines.push('', `${groupThousands(g.paths)} paths, seed ${g.seed}, the same paths for every value; the lever sets ${g.fields.join(', ')}.`);
  return lines.join('\n');
}
