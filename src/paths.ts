/**
 * Where the package's files are, from any module: the folder of the package.json above this
 * module, and dist/ in it. Works from dist/ whether modules are bundled (dist/cli/main.js holds
 * most of them) or not, and from src/ under the tests, which use the built workers and assets.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json'))) {
      const up = dirname(dir);
      if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
      dir = up;
    }
    root = dir;
  }
  return root;
}

/** A file of the built package: distPath('cli', 'main.js') is dist/cli/main.js. */
export const distPath = (...parts: string[]) => join(packageRoot(), 'dist', ...parts);

/**
 * A file's size and modification time: what a built asset (dist/fonts, dist/cache) records of
 * the file it was made from, to notice that file changing. Cheaper than hashing it.
 */
export function fileStamp(file: string): string {
  const st = statSync(file);
  return `${st.size} ${st.mtimeMs}`;
}
