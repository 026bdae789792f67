/**
 * Problems found in a scenario file, each located at a file, line and column, with the field's
 * path, what was expected and what was found. Every user-facing message is built here.
 */
import type { z } from 'zod';

export type FieldPath = ReadonlyArray<string | number>;

export interface ScenarioIssue {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

/** Raised for bad input: the CLI prints the issues and exits with code 2. */
export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:col: path: message`, the form editors and terminals link to. */
export function formatIssue(i: ScenarioIssue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.column}` : i.file;
  return i.path ? `${where}: ${i.path}: ${i.message}` : `${where}: ${i.message}`;
}

export function formatPath(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Text quoted in a message, cut to a line's length. */
const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/** A short, honest description of a value that was found where something else was expected. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return `an object with fields ${Object.keys(value).map((k) => `"${k}"`).join(', ') || '(none)'}`;
  if (typeof value === 'string') return `the text "${clip(value)}"`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

export interface RawIssue {
  path: FieldPath;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;

/**
 * zod's issues in our words. For a union that failed in every branch, the branches that took the
 * value's type are the ones the user meant (a text is an amount, not a mapping), and of those the
 * one that got furthest into the value, so its issues are reported.
 */
export function fromZodIssues(issues: readonly ZodIssue[], root: unknown, base: FieldPath = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as Array<string | number>)];
    const found = valueAt(root, path);
    switch (issue.code) {
      case 'invalid_type':
        out.push({ path, message: found === undefined ? `expected ${typeInWords(issue.expected)}, found nothing (the field is required)` : `expected ${typeInWords(issue.expected)}, found ${describeFound(found)}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: [...path, key], message: `unknown field "${key}"` });
        break;
      case 'invalid_union': {
        if (issue.errors.length === 0 && 'options' in issue && issue.options !== undefined) {
          // A discriminated union's key (a distribution's `dist`) that names none of its options.
          out.push({ path, message: `expected one of ${issue.options.filter((v) => v !== undefined).map((v) => JSON.stringify(v)).join(', ')}, found ${describeFound(found)}` });
          break;
        }
        const typed = issue.errors.filter((b) => !refusedType(b));
        const branches = (typed.length > 0 ? typed : issue.errors).map((b) => fromZodIssues(b, root, path));
        const depth = (b: RawIssue[]) => Math.max(...b.map((i) => i.path.length));
        const best = Math.max(...branches.map(depth));
        const deepest = branches.filter((b) => depth(b) === best);
        // Several branches, none deeper than the value itself: one message with what each expected.
        const parts = best === path.length && deepest.length > 1
          ? [...new Set(deepest.flat().flatMap((i) => expectedPart(i.message).split(', or ')))]
          : [];
        // Branches that are each a choice (stepsPerYear's 1, 4, 12) make one choice.
        const expected = parts.length > 1 && parts.every((p) => p.startsWith('one of '))
          ? [`one of ${parts.map((p) => p.slice('one of '.length)).join(', ')}`]
          : parts;
        if (expected.length > 0) out.push({ path, message: `expected ${expected.join(', or ')}; found ${describeFound(found)}` });
        else out.push(...(deepest[0] ?? []));
        break;
      }
      case 'invalid_key': {
        // zod says 'Invalid key in record' at the key's path: what the key should be is in its issues.
        const key = path[path.length - 1];
        for (const inner of fromZodIssues(issue.issues, key)) {
          out.push({ path, message: / found /.test(inner.message) ? inner.message : `${inner.message}, found ${describeFound(key)}` });
        }
        break;
      }
      case 'invalid_value':
        out.push({ path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${describeFound(found)}` });
        break;
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : (issue.inclusive ? '<=' : '<');
        const what = issue.origin === 'array' ? 'a list with length' : issue.origin === 'string' ? 'text of length' : 'a value';
        const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        out.push({ path, message: `expected ${what} ${bound} ${String(limit)}, found ${describeFound(found)}` });
        break;
      }
      default:
        out.push({ path, message: issue.message.startsWith('expected') ? issue.message : `${issue.message}; found ${describeFound(found)}` });
    }
  }
  return out;
}

/** zod's names of types are JavaScript's; a scenario's author writes YAML. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (fields under it)',
  record: 'a mapping (names under it)',
  array: 'a list',
};

function typeInWords(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

/** Whether a union's branch failed only because the value is not of its type. */
function refusedType(issues: readonly ZodIssue[]): boolean {
  return issues.every((i) => i.path.length === 0
    && (i.code === 'invalid_type' || (i.code === 'invalid_union' && i.errors.length > 0 && i.errors.every(refusedType))));
}

function expectedPart(message: string): string {
  const m = /^expected (.*?)(?:, found .*|; found .*)?$/.exec(message);
  return m?.[1] ?? message;
}

export const messages = {
  readFailed: (kind: 'scenario' | 'history', reason: string) => `cannot read the ${kind} file: ${reason}`,
  yamlSyntax: (reason: string) => `the file is not valid YAML: ${reason}`,
  multipleDocuments: () => 'expected one YAML document, found a second one starting here (after a line "---" or "..."); a file holds one scenario',
  // Says what kind of value, never what it holds: the file may be anything but a scenario.
  notAScenario: (found: unknown) => `expected a scenario (a mapping with fields such as name, start, horizon, target and flows), found ${
    found === null || found === undefined ? 'an empty document'
      : Array.isArray(found) ? 'a list'
        : typeof found === 'object' ? 'a mapping with none of those fields'
          : typeof found === 'string' ? 'a single text value' : `a single ${typeof found}`}`,
  notAHistory: (found: unknown) => `expected a history file (a mapping with "series", as scenarios/history.yaml), found ${
    found === null || found === undefined ? 'an empty document'
      : Array.isArray(found) ? 'a list'
        : typeof found === 'object' ? `a mapping without "series"${['flows', 'start', 'horizon', 'target'].some((k) => k in found) ? ' (a scenario file? its "history" field names its history file)' : ''}`
          : typeof found === 'string' ? 'a single text value' : `a single ${typeof found}`}`,
  /** Appended to why a file named by a scenario cannot be read: the field and where it is written (`file:line`). */
  namedIn: (field: 'extends' | 'history', where: string) => ` (named in "${field}" of ${where})`,
  extendsNotText: (found: unknown) => `expected the path of the scenario file to start from (text), found ${describeFound(found)}`,
  noFlows: (sectors: number) => `expected at least one flow (a sector with a direction under it: textiles: { PK>KZ: { base, growth, volatility } }), found none${sectors > 0 ? ` (${sectors} sector${sectors === 1 ? '' : 's'} with no direction)` : ''}`,
  tooManyFlows: (max: number, found: number) => `expected at most ${max} flows (sector and direction pairs), found ${found}`,
  extendsCycle: (chain: string[]) => `"extends" makes a cycle: ${chain.join(' -> ')}`,
  unknownSector: (name: string, known: string[]) => `expected a sector of this scenario (${known.join(', ') || 'none defined'}), found "${name}"`,
  unknownCorridor: (name: string, known: string[]) => `expected a corridor of this scenario (${known.join(', ') || 'none defined'}), found "${name}"`,
  unknownFlow: (name: string, known: string[]) => `expected a flow "sector direction" of this scenario (${known.slice(0, 6).join(', ')}${known.length > 6 ? ', ...' : ''}), found "${name}"`,
  missingFlowParameter: (param: string) => `expected "${param}" for this flow (here, under "byDirection" or under "defaults"), found nothing`,
  noCorridorForFlow: (flow: string) => `expected at least one corridor that carries ${flow}, found none (add it to a corridor's "sectors" and "directions")`,
  noCorridorOpenAtStart: (flow: string) => `expected at least one corridor open at the start for ${flow}, so that its base value has a route; found all closed or not yet opened`,
  expressionRejected: (expr: string, why: string) => `expected an arithmetic expression in t and year, found "${clip(expr)}": ${why}`,
  expressionNotFinite: (expr: string, at: string, value: string) => `expected the expression "${clip(expr)}" to give a finite number, found ${value} at ${at}`,
  tableYearsOutside: (first: number, startYear: number) => `expected the table to start at or before the first year ${startYear}, found ${first}`,
  scheduleOutOfRange: (at: string, value: number) => `expected a rate in [-0.99, 10] (a fraction, 0.1 = 10%), found ${value} at ${at}`,
  noWholeYear: (horizon: number, start: string, fiscalStart: number) =>
    `expected a horizon that holds at least one whole ${fiscalStart === 1 ? 'calendar' : 'fiscal'} year (annual figures are reported for whole years only), found ${horizon} year${horizon === 1 ? '' : 's'} from ${start}${fiscalStart === 1 ? '' : ` with years starting in month ${fiscalStart}`}`,
  moneyAsPercent: (text: string) => `expected an amount of money in USD (a number, or an amount such as "250M", "1.2B" or "$40k"), found ${describeFound(text)}, a percentage`,
  sustainedBeyondHorizon: (k: number, years: number) => `expected at most ${years} consecutive years, the whole years in the horizon (with more, no path can reach the target), found ${k}`,
  targetYearOutside: (year: number, first: number, last: number) => `expected a target year within the horizon ${first}-${last}, found ${year}`,
  bareNumber: () => 'a number without "source" or "assumption": say where it came from',
} as const;
