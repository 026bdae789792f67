/**
 * Reading a scenario file: YAML (or JSON, which YAML reads too) with line numbers, `extends`
 * resolved, zod validation, then the checks that span fields. Every problem comes back at once as
 * a ScenarioError whose issues name the file, line, column and field.
 */
import { createHash } from 'node:crypto';
import { dirname, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { checkScenario, moneyAsPercent } from './checks.js';
import {
  fromZodIssues, messages, ScenarioError, formatPath, type FieldPath, type RawIssue, type ScenarioIssue,
} from './issues.js';
import { scenario as scenarioSchema, type Scenario } from './schema.js';
import { readYamlSource, type SourceFile } from './source.js';
import { MAX_FLOWS } from './limits.js';

/** Maps a field path to where it is written, searching the most derived file first. */
export class Locator {
  /** `name`: what messages call the scenario when it has no file of its own (an object given to the library). */
  constructor(private readonly files: SourceFile[], private readonly name = '') {}

  get mainFile(): string {
    return this.files[0]?.display ?? this.name;
  }

  issue(raw: RawIssue): ScenarioIssue {
    for (const parent of [false, true]) {
      for (const f of this.files) {
        const pos = locateIn(f, raw.path, parent);
        if (pos) return { file: f.display, line: pos.line, column: pos.col, path: formatPath(raw.path), message: raw.message };
      }
    }
    return { file: this.mainFile, line: 0, column: 0, path: formatPath(raw.path), message: raw.message };
  }
}

/**
 * Where `path` is written in one file: the value's position when the field is there (the key's,
 * for an unknown or empty field); with `parent`, the enclosing mapping's, for a missing field.
 */
function locateIn(f: SourceFile, path: FieldPath, parent = false): { line: number; col: number } | undefined {
  const want = parent ? path.slice(0, -1) : path;
  let node: unknown = f.doc.contents;
  for (const key of want) {
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(key));
      if (!pair) return undefined;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
    } else return undefined;
  }
  const range = (node as Node | null)?.range;
  return range ? f.lines.linePos(range[0]) : undefined;
}

const pairIndex = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();

/** A mapping's pairs by key, built once: locating every issue of a large file stays linear. */
function pairsOf(node: object & { items: unknown[] }): Map<string, { key: unknown; value: unknown }> {
  let index = pairIndex.get(node);
  if (!index) {
    index = new Map();
    for (const p of node.items) {
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    pairIndex.set(node, index);
  }
  return index;
}

export interface LoadedScenario {
  scenario: Scenario;
  /** The merged file contents, before validation: what the hash covers. */
  raw: Record<string, unknown>;
  sha256: string;
  file: string;
  locator: Locator;
  /** Files in the `extends` chain, most derived first. */
  files: string[];
}

/** Reads one file of the `extends` chain; `namedBy`, the file whose `extends` names it. */
function readSource(file: string, shownFrom: string, namedBy: SourceFile | undefined): SourceFile {
  const display = relative(shownFrom, file) || file;
  const at = namedBy && locateIn(namedBy, ['extends']);
  const from = namedBy ? messages.namedIn('extends', at ? `${namedBy.display}:${at.line}` : namedBy.display) : '';
  return readYamlSource(file, display, 'scenario', from);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge of a variant over its base: mappings merge, anything else replaces, null deletes. */
export function mergeOver(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isRecord(v) && isRecord(out[k]) && !('dist' in v) && !('value' in v)) out[k] = mergeOver(out[k] as Record<string, unknown>, v);
    else out[k] = v;
  }
  return out;
}

/** JSON with sorted keys, so that the hash does not depend on how a file orders its fields. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export function loadScenario(path: string, cwd: string = process.cwd()): LoadedScenario {
  const sources: SourceFile[] = [];
  const chain: string[] = [];
  let file = resolve(cwd, path);
  let merged: Record<string, unknown> = {};
  const layers: Record<string, unknown>[] = [];
  for (;;) {
    if (chain.includes(file)) {
      const names = [...chain, file].map((f) => relative(cwd, f) || f);
      const last = sources[sources.length - 1] as SourceFile;
      const at = locateIn(last, ['extends']) ?? { line: 0, col: 0 };
      throw new ScenarioError([{ file: last.display, line: at.line, column: at.col, path: 'extends', message: messages.extendsCycle(names) }]);
    }
    const src = readSource(file, cwd, sources[sources.length - 1]);
    sources.push(src);
    chain.push(file);
    const data = src.data;
    if (!isRecord(data) || !SCENARIO_FIELDS.some((k) => k in data)) {
      throw new ScenarioError([{ file: src.display, line: 1, column: 1, path: '', message: messages.notAScenario(data) }]);
    }
    if ('extends' in data && typeof data.extends !== 'string') {
      const at = locateIn(src, ['extends']) ?? { line: 1, col: 1 };
      throw new ScenarioError([{ file: src.display, line: at.line, column: at.col, path: 'extends', message: messages.extendsNotText(data.extends) }]);
    }
    // A `history` path is relative to the file that names it; keep it relative to the main file.
    if (typeof data.history === 'string') {
      data.history = relative(dirname(chain[0] as string), resolve(dirname(file), data.history)) || '.';
    }
    layers.push(data);
    if (typeof data.extends !== 'string') break;
    file = resolve(dirname(file), data.extends);
  }
  for (let i = layers.length - 1; i >= 0; i--) merged = mergeOver(merged, layers[i] as Record<string, unknown>);
  delete merged.extends;
  const tooMany = flowCount(merged.flows);
  if (tooMany > MAX_FLOWS) {
    throw new ScenarioError([new Locator(sources).issue({ path: ['flows'], message: messages.tooManyFlows(MAX_FLOWS, tooMany) })]);
  }
  // A variant keeps its own name; the base's fields fill in the rest.
  return validateMerged(merged, new Locator(sources), resolve(cwd, path), chain);
}

/**
 * A merged scenario checked against the schema and the model's rules, or a ScenarioError; also
 * how a study checks a scenario it has edited (a lever set, a horizon cut) in the same terms.
 */
export function validateMerged(merged: Record<string, unknown>, locator: Locator, file: string, files: string[]): LoadedScenario {
  const parsed = scenarioSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ScenarioError(fromZodIssues(parsed.error.issues, merged).map((i) => locator.issue(i)));
  }
  const problems = [...moneyAsPercent(merged), ...checkScenario(parsed.data)];
  if (problems.length > 0) throw new ScenarioError(problems.map((i) => locator.issue(i)));
  const sha256 = createHash('sha256').update(canonicalJson(merged)).digest('hex');
  return { scenario: parsed.data, raw: merged, sha256, file, locator, files };
}

/**
 * A scenario from its resolved form (`raw` of a LoadedScenario: `extends` merged, as JSON), read
 * where the files are not (a queue worker, a merge of shards, an object given to the library);
 * `file` is what it is recorded as, `display` what messages call it. The same validation and the
 * same sha256 as loading the files.
 */
export function loadResolved(raw: Record<string, unknown>, file: string, display = ''): LoadedScenario {
  return validateMerged(raw, new Locator([], display), file, [file]);
}

/**
 * A scenario from an object of a scenario file's fields, as if read from `file` (resolved against
 * `cwd`): its `history` is read relative to that file's folder, and messages name the file as
 * given, without a line (there is no text to point into). The same validation, plan and sha256
 * as the file with those fields. `extends` is refused: a variant of a file is variantOf.
 */
export function scenarioFromObject(fields: Record<string, unknown>, file: string, cwd: string = process.cwd()): LoadedScenario {
  const raw = structuredClone(fields);
  if ('extends' in raw) {
    throw new ScenarioError([{ file, line: 0, column: 0, path: 'extends', message: 'expected the fields of one scenario, found extends: for a variant of a file, use variantOf(loadScenario(file), changes)' }]);
  }
  if (!SCENARIO_FIELDS.some((k) => k in raw)) throw new ScenarioError([{ file, line: 0, column: 0, path: '', message: messages.notAScenario(raw) }]);
  return loadResolved(raw, resolve(cwd, file), file);
}

/**
 * `base` with `changes` merged over it as a variant file's fields are (mappings merge, anything
 * else replaces, null deletes; a `history` path is relative to base's file), validated again. A
 * problem in a field the changes set is named as theirs; one elsewhere, where base's files write it.
 */
export function variantOf(base: LoadedScenario, changes: Record<string, unknown>): LoadedScenario {
  const what = `${base.locator.mainFile}, changed`;
  if ('extends' in changes) {
    throw new ScenarioError([{ file: what, line: 0, column: 0, path: 'extends', message: 'expected changes to a scenario\'s fields, found extends: the base is the scenario given' }]);
  }
  const merged = mergeOver(structuredClone(base.raw), structuredClone(changes));
  return validateMerged(merged, new ChangesLocator(base.locator, changes, what), base.file, base.files);
}

/** Locates an issue in the changes given to variantOf when they set the field (or a mapping holding it), else in the base's files. */
class ChangesLocator extends Locator {
  constructor(private readonly base: Locator, private readonly changes: Record<string, unknown>, private readonly what: string) {
    super([], base.mainFile);
  }

  override issue(raw: RawIssue): ScenarioIssue {
    if (raw.path.length === 0) return this.base.issue(raw);
    let at: unknown = this.changes;
    for (const key of raw.path) {
      if (!isRecord(at) || !(String(key) in at)) return this.base.issue(raw);
      at = at[String(key)];
      if (!isRecord(at)) break;
    }
    return { file: this.what, line: 0, column: 0, path: formatPath(raw.path), message: raw.message };
  }
}

/** Fields every scenario has (or inherits): a file with none of them is not a scenario. */
const SCENARIO_FIELDS = ['name', 'extends', 'flows', 'start', 'horizon', 'target'];

/** Sector and direction pairs under `flows`, counted before validation (which takes time in their number). */
function flowCount(flows: unknown): number {
  if (!isRecord(flows)) return 0;
  let n = 0;
  for (const byDir of Object.values(flows)) n += isRecord(byDir) ? Object.keys(byDir).length : 1;
  return n;
}
