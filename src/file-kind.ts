/**
 * What is found at a path, in the words messages use: "a folder", "a named pipe", ... A message
 * about something that is not what was expected says what it is instead (the scenario reader,
 * merge's partial files, --out and --partial).
 */
import type { Stats } from 'node:fs';

/** `st` (from lstat, for a link to be seen as one) in words; `otherwise` for what has no name here. */
export function fileKind(st: Stats, otherwise = 'not a regular file'): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFile()) return 'a file';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return otherwise;
}
