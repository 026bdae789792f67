/**
 * Where `run --shard K/M --partial FILE` may write its partial file: checked before simulating and
 * again just before writing. The file is written beside its target and renamed onto it, so that it
 * is there whole or not at all. Like `--out`, it replaces only what trade-sim wrote (a partial
 * file) unless `--force`, and never one of the run's input files, a folder, a link or a device.
 */
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, readSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileKind } from '../file-kind.js';
import { OutputRefused } from '../results/output-dir.js';
import type { Prepared } from '../project.js';
import { historyFile } from '../scenario/history.js';
import { PARTIAL_PREFIX } from '../studies/run/shards.js';

export interface PartialPolicy {
  /** Replace an existing file that is not a partial file. */
  force: boolean;
  /** The files the run reads, each with what it is to the run ("the scenario file"). */
  inputs: ReadonlyArray<{ file: string; is: string }>;
}

/** The policy for a run of `prep`: its scenario, the files it extends, its history file. */
export function partialPolicy(prep: Prepared, force: boolean): PartialPolicy {
  const { files, file, scenario } = prep.loaded;
  return {
    force,
    inputs: [
      ...files.map((f, i) => ({ file: f, is: i === 0 ? 'the scenario file of this run' : 'a file the scenario of this run extends' })),
      ...(scenario.history ? [{ file: historyFile(file, scenario.history), is: 'the history file of this run\'s scenario' }] : []),
    ],
  };
}

const label = (file: string) => `--partial ${file === '' ? '""' : file}`;

/** The Stats of `path`, or undefined if nothing is there (or a folder on its path is missing or a file). */
function statOrNone(path: string, stat: (p: string) => Stats): Stats | undefined {
  try {
    return stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** Why the folder `shown` (as the user wrote it) cannot hold a new file, or undefined. */
function folderProblem(shown: string): string | undefined {
  const st = statOrNone(resolve(shown), statSync);
  if (st?.isDirectory()) {
    try {
      accessSync(resolve(shown), constants.W_OK);
    } catch {
      return `cannot write in its folder ${shown} (permission denied)`;
    }
    return undefined;
  }
  if (st) return `its folder ${shown} is ${fileKind(st, 'not a file')}, not a folder`;
  // The nearest existing folder on the way up says whether a folder is missing or a file is in the way.
  for (let p = shown; dirname(p) !== p;) {
    p = dirname(p);
    const up = statOrNone(resolve(p), statSync);
    if (up && !up.isDirectory()) return `${p} is ${fileKind(up, 'not a file')}, not a folder`;
    if (up) break;
  }
  return `its folder ${shown} does not exist; create it first`;
}

/** The file's first bytes, to recognise a partial file and to say what another file is. */
function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}

/** "a file of 1,234 bytes beginning "name: baseline-pk"", for a refusal. */
function describeFile(st: Stats, start: Buffer): string {
  if (st.size === 0) return 'an empty file';
  const line = start.toString('utf8').split('\n')[0] ?? '';
  // eslint-disable-next-line no-control-regex
  const text = /^[^\u0000-\u0008\u000e-\u001f\ufffd]*$/.test(line) ? ` beginning ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}...` : line)}` : '';
  return `a file of ${st.size.toLocaleString('en-US')} bytes${text}`;
}

/** What `st` (the target) is to the run, if it is one of its input files (the same file, by any name). */
function inputIs(st: Stats, policy: PartialPolicy): string | undefined {
  for (const input of policy.inputs) {
    const ist = statOrNone(resolve(input.file), statSync);
    if (ist && ist.dev === st.dev && ist.ino === st.ino) return input.is;
  }
  return undefined;
}

/** Throws OutputRefused (exit 2) naming --partial if `file` may not be written. */
export function checkPartialTarget(file: string, policy: PartialPolicy): void {
  const refuse = (why: string): never => {
    throw new OutputRefused(`${label(file)}: ${why}`);
  };
  const st = statOrNone(resolve(file), lstatSync);
  if (st?.isDirectory()) refuse(`is a folder; name a file in it, e.g. ${join(file, 'shard-1.partial')}`);
  const problem = folderProblem(dirname(file));
  if (problem) refuse(problem);
  if (!st) return;
  if (st.isSymbolicLink()) refuse('is a symbolic link; trade-sim replaces only a file itself (name the file it points to, or a new one)');
  if (!st.isFile()) refuse(`is ${fileKind(st, 'not a file')}, not a file; trade-sim never replaces it (choose a new file)`);
  const input = inputIs(st, policy);
  if (input) refuse(`is ${input}; trade-sim never replaces an input of the run, even with --force (choose a new file)`);
  const start = head(resolve(file));
  if (start.subarray(0, PARTIAL_PREFIX.length).toString('latin1') === PARTIAL_PREFIX || policy.force) return;
  refuse(`already exists and is not a trade-sim partial file (${describeFile(st, start)}); choose a new file, or pass --force to replace it`);
}

/** Writes `bytes` to `file` through a temporary file beside it, renamed onto it once complete. */
export function writePartialFile(file: string, bytes: Uint8Array, policy: PartialPolicy): void {
  checkPartialTarget(file, policy);
  const tmp = `${file}.partial-${process.pid}-${Date.now()}`;
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx');
    created = true;
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    created = false;
  } catch (err) {
    // Named as the user named it: the temporary file is no name of theirs.
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code === 'string') e.path = file;
    throw err;
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(tmp, { force: true });
  }
}
