/**
 * `trade-sim new NAME --from FILE`: starts a variant of a scenario. The file `extends` FILE and
 * lists, commented out, the levers a policy question usually moves, each with its current value
 * and its source as the resolved FILE has them; the user uncomments what the question changes.
 */
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { ENGINE } from '../engine-info.js';
import { prepareScenario } from '../project.js';
import { UsageError } from './errors.js';

export interface NewArgs {
  name: string;
  from: string;
  /** Folder to write NAME.yaml in. */
  dir: string;
}

/** Same rule as a scenario's `name` (scenario/schema.ts): it names the output folder. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function newCommand(args: NewArgs, say: (text: string) => void): void {
  const name = args.name.replace(/\.ya?ml$/, '');
  if (!NAME.test(name)) {
    throw new UsageError(`new: NAME: expected a letter, then letters, digits, - or _ (it names the output folder), found "${args.name}"`);
  }
  const target = resolve(args.dir, `${name}.yaml`);
  if (existsSync(target)) throw new UsageError(`new: ${relative(process.cwd(), target)} exists; it is not overwritten (choose another NAME or --dir)`);
  const base = prepareScenario(args.from);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (err) {
    // A file where --dir or a folder on its way should be: bad input, not an internal error.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UsageError(`new: --dir ${args.dir}: expected a folder (created if missing), found a file there or on its way`);
    throw err;
  }
  const text = variantYaml(name, relative(dirname(target), base.loaded.file).split(sep).join('/'), base.loaded.raw);
  // Written beside, checked, then linked into place: linking fails if the name was taken meanwhile,
  // and nothing half-written or invalid is left under the name.
  const tmp = join(dirname(target), `.${name}.yaml.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    prepareScenario(tmp);
    try {
      linkSync(tmp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`new: ${relative(process.cwd(), target)} exists; it is not overwritten`);
      throw err;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  say(`wrote ${relative(process.cwd(), target)}: a variant of ${basename(base.loaded.file)}; fill in its question, uncomment the levers it moves, then\n`);
  say(`  trade-sim compare ${relative(process.cwd(), base.loaded.file)} ${relative(process.cwd(), target)}\n`);
}

type Doc = Record<string, unknown>;
const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): Array<[string, unknown]> => (isDoc(v) ? Object.entries(v) : []);

/** A lever: where it sits in the scenario, its value, and a note for the line above it. */
interface Lever { path: string[]; value: unknown; note?: string | undefined }

/** The text of NAME.yaml. `raw`: the resolved base scenario (after its own `extends`). */
export function variantYaml(name: string, extendsPath: string, raw: Doc): string {
  const baseName = typeof raw.name === 'string' ? raw.name : basename(extendsPath);
  const lines = [
    `# Variant of ${extendsPath}, started by \`trade-sim new\` (${ENGINE.name} ${ENGINE.version}).`,
    '# Uncomment the levers your question moves and change them; each shows the value and source it has now.',
    '# A value here replaces the base file\'s; mappings merge, `null` deletes a key. Give every number a',
    '# `source` or an `assumption` (a variant premise is an assumption).',
    `extends: ${extendsPath}`,
    `name: ${name}`,
    `title: ${stringify(`${name}: a variant of ${baseName}`).trim()}`,
    'question: ""   # fill in: what does this variant ask? e.g. "What if the transit agreement is in force by 2027?"',
    `description: ${stringify(`${baseName} with ... (say what this variant changes)`).trim()}`,
  ];
  const section = (title: string, levers: Lever[]) => {
    if (levers.length === 0) return;
    lines.push('', `# ${title}`, ...commentedTree(levers));
  };
  section("Agreements: the probability that each is ever implemented, and its delay (years from the start).",
    entries(raw.agreements).flatMap(([key, a]) => pick(a, ['probability', 'delay']).map(([field, value], i) => ({
      path: ['agreements', key, field], value,
      ...(i === 0 ? { note: noteOf(a) } : {}),
    }))));
  section('Corridors: when each opens or, shut at the start, reopens (a date, or a distribution over decimal years).',
    entries(raw.corridors).flatMap(([key, c]) => pick(c, ['opens', 'reopens']).map(([field, value]) => ({ path: ['corridors', key, field], value }))));
  section('Growth (expected annual growth, a fraction) and tariff schedules ({ year: rate } steps or an expression in t), where the base sets them.',
    flowLevers(raw, ['growth', 'tariff']));
  return `${lines.join('\n')}\n`;
}

function pick(v: unknown, fields: string[]): Array<[string, unknown]> {
  return entries(v).filter(([k]) => fields.includes(k));
}

function noteOf(v: unknown): string | undefined {
  const d = isDoc(v) ? v : {};
  const parts = [d.label, d.source].filter((x): x is string => typeof x === 'string');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The fields under defaults, byDirection.<direction> and flows.<sector>.<direction>, in file order. */
function flowLevers(raw: Doc, fields: string[]): Lever[] {
  const out: Lever[] = [];
  for (const [field, value] of pick(raw.defaults, fields)) out.push({ path: ['defaults', field], value });
  for (const [dir, params] of entries(raw.byDirection)) for (const [field, value] of pick(params, fields)) out.push({ path: ['byDirection', dir, field], value });
  for (const [sector, dirs] of entries(raw.flows)) {
    for (const [dir, params] of entries(dirs)) for (const [field, value] of pick(params, fields)) out.push({ path: ['flows', sector, dir, field], value });
  }
  return out;
}

const key = (k: string) => (/^[A-Za-z0-9_>-]+$/.test(k) ? k : JSON.stringify(k));
const flow = (v: unknown) => stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();

/** The levers as a commented-out block mapping, shared path prefixes written once. */
function commentedTree(levers: Lever[]): string[] {
  const lines: string[] = [];
  let open: string[] = [];
  for (const l of levers) {
    const parents = l.path.slice(0, -1);
    let same = 0;
    while (same < open.length && same < parents.length && open[same] === parents[same]) same++;
    for (let d = same; d < parents.length; d++) {
      const note = d === parents.length - 1 && l.note ? `   # ${l.note}` : '';
      lines.push(`# ${'  '.repeat(d)}${key(parents[d] as string)}:${note}`);
    }
    open = parents;
    const bare = !isDoc(l.value) || !('source' in l.value || 'assumption' in l.value);
    lines.push(`# ${'  '.repeat(parents.length)}${key(l.path[l.path.length - 1] as string)}: ${flow(l.value)}${bare ? '   # no source in the base file' : ''}`);
  }
  return lines;
}
