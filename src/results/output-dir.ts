/**
 * Whether an output folder may be written, and the inventory that lets a later run recognise it.
 *
 * `--out DIR` may name a folder that does not exist yet, an empty folder, or a previous output of
 * trade-sim that holds exactly the files its manifest lists, unchanged. Anything else is refused
 * (OutputRefused), so a run never deletes a user's files; `force` lets any folder be replaced,
 * except the ones no run may replace: a non-folder, a symbolic link, the root, a system folder
 * (/dev, /proc, /sys), the working directory, the user's home folder or a folder holding either,
 * and a folder holding one of the run's input files.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, lstatSync, readdirSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { fileKind } from '../file-kind.js';
import { ENGINE } from '../engine-info.js';

/** `format` of manifest.json; with `files` it marks a folder as a trade-sim output. */
export const MANIFEST_FORMAT = 'trade-sim/manifest/v1';

/** A file of an output folder as listed in its manifest: path relative to the folder, with '/'. */
export interface OutputFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface OutputPolicy {
  /** Replace a folder that is not (or no longer exactly) a previous trade-sim output. */
  force?: boolean;
  /** Files the run reads (scenario, `extends`, history): no folder holding one is replaced. */
  inputs?: readonly string[];
  cwd?: string;
  /** How messages name the folder when the user did not (a default such as out/NAME). */
  defaultFolder?: boolean;
}

/** The folder as messages name it: as the user wrote it after --out, or as the default. */
export function outputLabel(dir: string, policy: OutputPolicy): string {
  return policy.defaultFolder ? `the output folder ${dir} (the default; choose another with --out)` : `--out ${dir === '' ? '""' : dir}`;
}

/** The output folder (or a shard's --partial file) may not be written as asked: bad input (exit 2), nothing was touched. */
export class OutputRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefused';
  }
}

/** A manifest larger than this is not one trade-sim wrote (they are a few kilobytes). */
const MANIFEST_MAX_BYTES = 4 << 20;
/** How many foreign entries a refusal names. */
const NAMED = 5;
const SYSTEM_ROOTS = ['/dev', '/proc', '/sys'];
/** Characters of an output folder's name: the staging folder beside it adds about 40, file systems allow 255. */
export const MAX_FOLDER_NAME = 200;

/** `new`: nothing there, create it; `replace`: a folder that may be replaced. Throws OutputRefused. */
export function checkOutputDir(dir: string, policy: OutputPolicy = {}): 'new' | 'replace' {
  const cwd = policy.cwd ?? process.cwd();
  const target = realTarget(resolve(cwd, dir));
  const refuse = (why: string): never => {
    throw new OutputRefused(`${outputLabel(dir, policy)}: ${why}`);
  };
  if (target === parse(target).root) refuse('is the root folder; choose a new folder');
  if (basename(target).length > MAX_FOLDER_NAME) refuse(`its name is ${basename(target).length} characters long; the limit is ${MAX_FOLDER_NAME}`);
  for (const root of SYSTEM_ROOTS) {
    if (isWithin(target, root)) refuse(`is under ${root}, a system folder; choose a folder of your own`);
  }
  const wd = realOrSelf(cwd);
  if (isWithin(wd, target)) refuse(wd === target ? 'is the working directory; choose a new folder' : `holds the working directory (${wd}); choose a new folder`);
  const home = homedir() === '' ? undefined : realOrSelf(homedir());
  if (home !== undefined && isWithin(home, target)) refuse(home === target ? `is your home folder (${home}); choose a new folder` : `holds your home folder (${home}); choose a new folder`);
  for (const input of policy.inputs ?? []) {
    const file = realOrSelf(resolve(cwd, input));
    if (isWithin(file, target)) refuse(`holds the input file ${relative(cwd, file) || file}; choose a new folder`);
  }

  // Checked here, before the simulation, not found out when the staging folder is made after it.
  const unwritable = unwritableFolder(dirname(target));
  if (unwritable) refuse(`${unwritable}; choose a folder you can write in`);

  let st: Stats;
  try {
    st = lstatSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'new';
    if (code === 'ENOTDIR') refuse('a folder on its path is a file');
    throw err;
  }
  if (st.isSymbolicLink()) refuse('is a symbolic link; trade-sim replaces only folders (name the folder it points to, or a new one)');
  if (!st.isDirectory()) refuse(`is ${fileKind(st, 'not a folder')}, not a folder; trade-sim never replaces it (choose a new folder)`);
  if (isMountPoint(target, st)) refuse(`is a mount point (another file system is mounted on it), which trade-sim cannot replace: it writes a folder whole by renaming it into place; name a new folder in it, e.g. --out ${join(dir, 'run')}`);
  if (policy.force) return 'replace';
  const problem = previousOutputProblem(target);
  if (problem) refuse(`${problem}; choose a new folder, move those files, or pass --force to replace the folder and everything in it`);
  return 'replace';
}

/**
 * Why the output cannot be made in `dir` (where the staging folder goes), or in the nearest folder
 * on its way up that exists (its missing folders are created): read-only, or no permission.
 */
function unwritableFolder(dir: string): string | undefined {
  for (let p = dir; ; p = dirname(p)) {
    try {
      accessSync(p, constants.W_OK);
      return undefined;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(p) !== p) continue;
      if (code === 'EROFS') return `cannot write in the folder ${p} (read-only file system)`;
      if (code === 'EACCES' || code === 'EPERM') return `cannot write in the folder ${p} (permission denied)`;
      return undefined; // a file on the way: said below
    }
  }
}

/**
 * Why `dir` (holding `entries`) is neither empty nor an unchanged previous output, or undefined. Reads
 * every listed file to compare its hash: an output is a few megabytes.
 */
export function previousOutputProblem(dir: string, entries = readdirSync(dir)): string | undefined {
  if (entries.length === 0) return undefined;
  const foreign = () => `already exists and holds ${nameEntries(dir, entries)}`;
  const listed = manifestFiles(join(dir, 'manifest.json'));
  if (listed === 'absent') return `${foreign()}, and is not a trade-sim output (no manifest.json)`;
  if (listed === 'unlisted') return `${foreign()}; its manifest.json does not list the files trade-sim wrote (a foreign file, or an output of an earlier version)`;
  const expected = new Map(listed.map((f) => [f.path, f]));
  const folders = new Set(listed.flatMap((f) => parents(f.path)));
  const extra: string[] = [];
  const changed: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      if (extra.length >= NAMED) return;
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      if (st.isDirectory() && folders.has(path)) walk(path);
      else if (path === 'manifest.json' && st.isFile()) continue;
      else if (!st.isFile() || !expected.has(path)) extra.push(st.isDirectory() ? `${path}/` : path);
      else if (!sameFile(join(dir, path), st, expected.get(path) as OutputFile)) changed.push(path);
    }
  };
  walk('');
  if (extra.length > 0) return `is a trade-sim output but also holds files trade-sim did not write: ${extra.join(', ')}${extra.length >= NAMED ? ', ...' : ''}`;
  if (changed.length > 0) return `is a trade-sim output but ${changed.slice(0, NAMED).join(', ')} ${changed.length === 1 ? 'was' : 'were'} changed since it was written`;
  return undefined;
}

/** Every file under `dir` (sorted, '/'-separated), for the manifest that lets a later run replace the folder. */
export function inventory(dir: string): OutputFile[] {
  const files: OutputFile[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) {
        const data = readFileSync(join(dir, path));
        files.push({ path, bytes: data.length, sha256: sha256(data) });
      }
    }
  };
  walk('');
  return files;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function sameFile(path: string, st: Stats, f: OutputFile): boolean {
  return st.size === f.bytes && sha256(readFileSync(path)) === f.sha256;
}

/** The files a manifest.json lists; 'absent' if there is none, 'unlisted' if it is not one of ours. */
function manifestFiles(path: string): OutputFile[] | 'absent' | 'unlisted' {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch {
    return 'absent';
  }
  if (!st.isFile() || st.size > MANIFEST_MAX_BYTES) return 'unlisted';
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return 'unlisted';
  }
  if (typeof m !== 'object' || m === null) return 'unlisted';
  const { format, engine, files } = m as { format?: unknown; engine?: { name?: unknown }; files?: unknown };
  if (format !== MANIFEST_FORMAT || engine?.name !== ENGINE.name || !Array.isArray(files)) return 'unlisted';
  const ok = files.every((f: Partial<OutputFile> | null) =>
    typeof f?.path === 'string' && safeRelative(f.path) && typeof f.bytes === 'number' && typeof f.sha256 === 'string');
  return ok ? (files as OutputFile[]) : 'unlisted';
}

/** A listed path stays inside its folder. */
const safeRelative = (p: string) => p !== '' && !p.startsWith('/') && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/** 'a/b/c' -> ['a', 'a/b']. */
function parents(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function nameEntries(dir: string, entries: string[]): string {
  const named = entries.slice().sort().slice(0, NAMED).map((e) => {
    try {
      return lstatSync(join(dir, e)).isDirectory() ? `${e}/` : e;
    } catch {
      return e;
    }
  });
  const more = entries.length - named.length;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** A file system is mounted on the folder (a container's volume): it cannot be renamed (EBUSY). */
function isMountPoint(target: string, st: Stats): boolean {
  try {
    return lstatSync(dirname(target)).dev !== st.dev;
  } catch {
    return false;
  }
}

/** `a` is `b` or inside it. */
const isWithin = (a: string, b: string) => a === b || a.startsWith(b.endsWith(sep) ? b : b + sep);

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * The absolute path with every existing folder on the way resolved (symbolic links, `..`), the
 * last component left as named, so that a link there is seen as a link.
 */
function realTarget(abs: string): string {
  if (abs === parse(abs).root) return abs;
  const missing: string[] = [basename(abs)];
  let parent = dirname(abs);
  for (;;) {
    try {
      return join(realpathSync(parent), ...missing);
    } catch {
      if (parent === parse(parent).root) return abs;
      missing.unshift(basename(parent));
      parent = dirname(parent);
    }
  }
}
