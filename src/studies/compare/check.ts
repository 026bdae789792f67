/**
 * What makes scenarios comparable, and what they share. Differences are taken year by year
 * against the same target, so every scenario must have the baseline's calendar (start, horizon,
 * steps per year, fiscal year) and target. Common random numbers pair the paths through the
 * random components the scenarios share (engine/streams.ts); listing them tells the user how much
 * of the randomness is common.
 */
import type { Prepared } from '../../project.js';
import { formatAmount } from '../../scenario/amount.js';
import { ScenarioError, type FieldPath, type ScenarioIssue } from '../../scenario/issues.js';
import type { ParamDraw, Plan } from '../../scenario/plan.js';
import { FLOW_UNCERTAIN_PARAMETERS, type Scenario } from '../../scenario/schema.js';

interface Field {
  path: FieldPath;
  what: string;
  get: (s: Scenario) => number | string;
  show?: (v: number | string) => string;
}

const FIELDS: Field[] = [
  { path: ['start'], what: 'start month', get: (s) => s.start },
  { path: ['horizon'], what: 'horizon (years)', get: (s) => s.horizon },
  { path: ['stepsPerYear'], what: 'steps per year', get: (s) => s.stepsPerYear },
  { path: ['fiscalYearStartMonth'], what: 'fiscal year start month', get: (s) => s.fiscalYearStartMonth },
  { path: ['target', 'value'], what: 'target value (USD/yr)', get: (s) => s.target.value, show: (v) => formatAmount(v as number) },
  { path: ['target', 'year'], what: 'target year', get: (s) => s.target.year },
];

/**
 * Throws a ScenarioError, located in each file that differs from the first, for every field of
 * the calendar or target that differs from the baseline's.
 */
export function checkComparable(preps: Prepared[], files: string[]): void {
  const base = preps[0];
  if (!base) return;
  const issues: ScenarioIssue[] = [];
  const baseFile = files[0] ?? base.loaded.file;
  preps.forEach((p, i) => {
    const sustained = p.loaded.scenario.target.sustainedYears ?? 1;
    if (sustained > 1) {
      issues.push(located(p, {
        path: ['target', 'sustainedYears'],
        message: `expected the single-year target rule in a comparison (the paired statistics count single years), found sustainedYears ${sustained}; run this scenario on its own with "run"`,
      }));
    }
    if (i === 0) return;
    for (const f of FIELDS) {
      const a = f.get(base.loaded.scenario), b = f.get(p.loaded.scenario);
      if (a === b) continue;
      const show = f.show ?? String;
      issues.push(located(p, {
        path: f.path,
        message: `expected the ${f.what} of the baseline ${baseFile}, ${show(a)}, since compared scenarios must share their years and target; found ${show(b)}`,
      }));
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
}

/**
 * The issue located where the field is written. A value inherited through `extends` is written in
 * another file: the message names the compared file too, or variants of one base would print the
 * same line, none saying which of them is at fault.
 */
function located(p: Prepared, raw: { path: FieldPath; message: string }): ScenarioIssue {
  const issue = p.loaded.locator.issue(raw);
  const compared = p.loaded.locator.mainFile;
  return issue.file === compared ? issue : { ...issue, message: `${issue.message}, which ${compared} inherits` };
}

/** The random components a plan draws from, as named in engine/streams.ts. */
export function randomComponents(plan: Plan): string[] {
  const out = new Set<string>();
  const param = (d: ParamDraw | null) => { if (d && d.kind === 'dist') out.add(d.component); };
  for (const id of plan.flowIds) out.add(`shocks:${id}`);
  for (const f of plan.flows) for (const key of FLOW_UNCERTAIN_PARAMETERS) param(f[key]);
  for (const c of plan.corridors) {
    if (c.regime) {
      out.add(`corridor:${c.name}:regime`);
      param(c.regime.closuresPerYear); param(c.regime.meanClosureDays);
    }
    param(c.freightCost); param(c.weightCost); param(c.tonnesPerContainer); param(c.transitDays); param(c.opens); param(c.reopens);
  }
  plan.flows.forEach((f, i) => {
    if (f.transitoryVolatility || f.permanentShare || f.jumpsPerYear) { out.add(`transitory:${plan.flowIds[i]}`); out.add(`jumps:${plan.flowIds[i]}`); }
  });
  for (const b of plan.borders) {
    if (b.regime) {
      out.add(`border:${b.name}:regime`);
      param(b.regime.closuresPerYear); param(b.regime.meanClosureDays);
    }
    param(b.reopens);
  }
  for (const f of plan.politicalFactors) out.add(`political:${f.name}`);
  for (const a of plan.agreements) {
    out.add(`agreement:${a.name}`);
    param(a.delay);
  }
  return [...out].sort();
}

export interface SharedComponents {
  /** Components both draw from: the same numbers on the same path. */
  shared: number;
  /** Only the baseline draws from these. */
  onlyBaseline: string[];
  /** Only the scenario draws from these. */
  onlyScenario: string[];
}

export function sharedComponents(baseline: Plan, scenario: Plan): SharedComponents {
  const a = randomComponents(baseline), b = randomComponents(scenario);
  const inA = new Set(a), inB = new Set(b);
  return {
    shared: a.filter((c) => inB.has(c)).length,
    onlyBaseline: a.filter((c) => !inB.has(c)),
    onlyScenario: b.filter((c) => !inA.has(c)),
  };
}
