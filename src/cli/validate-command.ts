/** `trade-sim validate FILE...`: exit 0 when every file is a valid scenario, 2 with every problem listed. */
import { formatIssue, messages, ScenarioError, type ScenarioIssue } from '../scenario/issues.js';
import { bareNumbers } from '../scenario/parameters.js';
import { prepareScenario } from '../project.js';
import type { RunArgs } from './args.js';
import { UsageError } from './errors.js';

export function validateCommand(args: Pick<RunArgs, 'files' | 'strict'>): void {
  if (args.files.length === 0) throw new UsageError('validate: expected one or more scenario files, found none');
  const problems: ScenarioIssue[] = [];
  for (const file of args.files) {
    try {
      const prep = prepareScenario(file);
      const bare = bareNumbers(prep.loaded.scenario).map((r) => prep.loaded.locator.issue({ path: r.path, message: messages.bareNumber() }));
      const s = prep.loaded.scenario;
      const plan = prep.compiled.plan;
      // Under --strict a bare number is an error, listed once with the others when they are thrown.
      if (args.strict && bare.length > 0) problems.push(...bare);
      else process.stdout.write(`ok: ${file}: ${s.name}, ${plan.flowIds.length} flows, ${plan.corridors.length} corridors, ${plan.agreements.length} agreements, years ${plan.yearLabels[0]}..${plan.yearLabels[plan.yearLabels.length - 1]}\n`);
      for (const w of prep.compiled.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      if (!args.strict) for (const b of bare) process.stderr.write(`warning: ${formatIssue(b)}\n`);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      problems.push(...err.issues);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
}
