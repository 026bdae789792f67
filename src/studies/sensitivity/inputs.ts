/**
 * The inputs of a sensitivity study: the scenario's random components (engine/streams.ts) named
 * as a user knows them, each a set of components re-keyed together. By default:
 * - each uncertain parameter, `param:<path>`, is the input `<path>` (as the file writes it, e.g.
 *   `byDirection.PK>KZ.growth`, `corridors.ktap-rail.opens`);
 * - each agreement's implementation draw and its delay are one input, `agreements.<name>`;
 * - each corridor's disruption chain is `corridors.<name>.regime`, a shared border's chain
 *   `borders.<name>.regime`, and a political factor shared by agreements `politicalFactors.<name>`;
 * - the flows' shocks, all together, are `shocks` ("market noise"), and any other per-flow noise
 *   component `<kind>:<flow>` joins the input `<kind>`.
 * Groups (`--group NAME=PATTERN,...`) merge inputs whose names match a pattern (`*` matches any
 * run of characters) into one input NAME.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import type { Plan } from '../../scenario/plan.js';
import { randomComponents } from '../compare/check.js';

export type InputKind = 'parameter' | 'agreement' | 'regime' | 'noise' | 'group';

export interface SensitivityInput {
  name: string;
  kind: InputKind;
  /** Stream components, sorted. */
  components: string[];
}

export interface InputGroup {
  name: string;
  patterns: string[];
}

function defaultInput(component: string): { name: string; kind: InputKind } {
  const colon = component.indexOf(':');
  const prefix = component.slice(0, colon), rest = component.slice(colon + 1);
  if (prefix === 'param') {
    const agreement = /^agreements\.(.+)\.delay$/.exec(rest);
    return agreement ? { name: `agreements.${agreement[1]}`, kind: 'agreement' } : { name: rest, kind: 'parameter' };
  }
  if (prefix === 'agreement') return { name: `agreements.${rest}`, kind: 'agreement' };
  const regime = /^(.+):regime$/.exec(rest);
  if (prefix === 'corridor' && regime) return { name: `corridors.${regime[1]}.regime`, kind: 'regime' };
  if (prefix === 'border' && regime) return { name: `borders.${regime[1]}.regime`, kind: 'regime' };
  if (prefix === 'political') return { name: `politicalFactors.${rest}`, kind: 'agreement' };
  return { name: prefix, kind: 'noise' };
}

const matcher = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/** Patterns of `groups` that match no input of the plan: the caller reports them as bad input. */
export function unmatchedPatterns(plan: Plan, groups: InputGroup[]): string[] {
  const names = inputsOf(plan).map((i) => i.name);
  return groups.flatMap((g) => g.patterns.filter((p) => !names.some((n) => matcher(p).test(n))));
}

/** The groups a scenario's file asks for (`sensitivity.groups`), which a study's own replace. */
export function fileGroups(loaded: LoadedScenario): InputGroup[] {
  return Object.entries(loaded.scenario.sensitivity?.groups ?? {}).map(([name, patterns]) => ({ name, patterns }));
}

/**
 * Why `groups` cannot be a study's of `plan` (read from `file`), as "expected ..., found ...": a
 * pattern that matches no input (`path`: the first such pattern's, [group, index]), or a
 * groupConflict (`path` empty); undefined when they can.
 */
export function groupsProblem(plan: Plan, groups: InputGroup[], file: string): { message: string; path: Array<string | number> } | undefined {
  const unmatched = unmatchedPatterns(plan, groups);
  if (unmatched.length > 0) {
    const first = groups.find((g) => g.patterns.includes(unmatched[0] as string));
    return {
      message: `expected patterns that match inputs of ${file}, found ${unmatched.map((p) => `"${p}"`).join(', ')}, which match none`,
      path: first ? [first.name, first.patterns.indexOf(unmatched[0] as string)] : [],
    };
  }
  const conflict = groupConflict(plan, groups);
  return conflict === undefined ? undefined : { message: conflict, path: [] };
}

/** How many inputs in several groups a refusal names. */
const NAMED = 3;

/**
 * Why `groups` would not make each group one input of its own, as "expected ..., found ...", or
 * undefined: a name given to two groups (they would merge), an input two groups match (the later
 * would lose it), or a group named as an input it does not hold (the two would merge).
 */
export function groupConflict(plan: Plan, groups: InputGroup[]): string | undefined {
  const twice = groups.find((g, i) => groups.findIndex((h) => h.name === g.name) !== i);
  if (twice) {
    const same = groups.filter((g) => g.name === twice.name);
    const times = same.length === 2 ? 'twice' : `${same.length} times`;
    return `expected each group named once, found "${twice.name}" ${times} (one group takes several patterns: ${twice.name}=${same.flatMap((g) => g.patterns).join(',')})`;
  }
  const names = inputsOf(plan).map((i) => i.name);
  const holders = (name: string) => groups.filter((g) => g.patterns.some((p) => matcher(p).test(name))).map((g) => `"${g.name}"`);
  const shared = names.filter((n) => holders(n).length > 1);
  if (shared.length > 0) {
    const listed = shared.slice(0, NAMED).map((n) => `${n} in ${holders(n).join(' and ')}`).join('; ');
    return `expected each input in one group at most, found ${listed}${shared.length > NAMED ? `; and ${shared.length - NAMED} more` : ''}`;
  }
  const clash = groups.find((g) => names.includes(g.name) && holders(g.name).length === 0);
  if (clash) return `expected group names that are not names of inputs outside them, found "${clash.name}", the name of an input it does not hold`;
  return undefined;
}

/** The plan's inputs, sorted by name, after grouping (an input goes to the first group that matches it). */
export function inputsOf(plan: Plan, groups: InputGroup[] = []): SensitivityInput[] {
  const byName = new Map<string, SensitivityInput>();
  for (const component of randomComponents(plan)) {
    const d = defaultInput(component);
    const group = groups.find((g) => g.patterns.some((p) => matcher(p).test(d.name)));
    const name = group ? group.name : d.name;
    const input = byName.get(name) ?? { name, kind: group ? 'group' : d.kind, components: [] };
    input.components.push(component);
    byName.set(name, input);
  }
  return [...byName.values()].map((i) => ({ ...i, components: i.components.sort() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
