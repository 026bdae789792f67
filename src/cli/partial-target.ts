/**
 * Where `run --shard K/M --partial FILE` may write its partial file: checked before simulating and
 * again just before writing. The file is written beside its target and renamed onto it, so that it
 * is there whole or not at all.
 */
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OutputRefused } from '../results/output-dir.js';

const label = (file: string) => `--partial ${file === '' ? '""' : file}`;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFile()) return 'a file';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

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
  if (st) return `its folder ${shown} is ${kindOf(st)}, not a folder`;
  // The nearest existing folder on the way up says whether a folder is missing or a file is in the way.
  for (let p = shown; dirname(p) !== p;) {
    p = dirname(p);
    const up = statOrNone(resolve(p), statSync);
    if (up && !up.isDirectory()) return `${p} is ${kindOf(up)}, not a folder`;
    if (up) break;
  }
  return `its folder ${shown} does not exist; create it first`;
}

/** Throws OutputRefused (exit 2) naming --partial if `file` cannot be written. */
export function checkPartialTarget(file: string): void {
  const refuse = (why: string): never => {
    throw new OutputRefused(`${label(file)}: ${why}`);
  };
  const st = statOrNone(resolve(file), lstatSync);
  if (st?.isDirectory()) refuse(`is a folder; name a file in it, e.g. ${join(file, 'shard-1.partial')}`);
  const problem = folderProblem(dirname(file));
  if (problem) refuse(problem);
}

/** Writes `bytes` to `file` through a temporary file beside it, renamed onto it once complete. */
export function writePartialFile(file: string, bytes: Uint8Array): void {
  checkPartialTarget(file);
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
