/**
 * V8's code cache for the files a thread runs as one script (Vega's bundles, the pool threads'
 * bundle): `npm run build` stores each file's cache in dist/cache, taken after the file's code has
 * done its usual work, so that it holds the functions that work calls as well as the top level. A
 * thread that compiles the file with it then skips both the parse and those functions' first
 * compiles. The stamp beside a cache (the file's size and modification time) ties it to the file
 * it was made from: V8 checks only the source's length. A cache made for another file or another
 * V8 is not used, and TRADE_SIM_CODE_CACHE=off turns every cache off.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { distPath, fileStamp } from './paths.js';

/** dist/cache (also from the TypeScript sources, under the tests). */
export const codeCacheDir = () => distPath('cache');

/** A cache's files: V8's data, and the stamp of the file it was made from. */
export const codeCacheFiles = (name: string) => ({
  data: join(codeCacheDir(), `${name}.v8cache`),
  stamp: join(codeCacheDir(), `${name}.stamp`),
});

export interface CachedModule {
  /** What the file put in `module.exports`. */
  exports: unknown;
  /** Its script, to store a code cache from (storeCodeCache). */
  script: Script;
  /** Whether V8 took the stored cache. */
  cached: boolean;
}

function storedCache(name: string, file: string): Buffer | undefined {
  if (process.env.TRADE_SIM_CODE_CACHE === 'off') return undefined;
  try {
    const files = codeCacheFiles(name);
    return readFileSync(files.stamp, 'utf8').trim() === fileStamp(file) ? readFileSync(files.data) : undefined;
  } catch {
    return undefined; // not built
  }
}

/**
 * Runs `source`, the text of `file`, as a CommonJS module, compiled with the cache stored under
 * `name` if it was made from the file as it is now; `require` is what the module's require calls.
 */
export function runCommonJs(name: string, file: string, source: string, require: (id: string) => unknown): CachedModule {
  const data = storedCache(name, file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(data ? { cachedData: data } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (e: unknown, r: typeof require, m: object, f: string, d: string) => void)(module.exports, require, module, file, dirname(file));
  return { exports: module.exports, script, cached: data !== undefined && !script.cachedDataRejected };
}

/**
 * Stores the script's code cache now (with what it has compiled so far) under `name`, stamped
 * with `file`. Each file is written beside and renamed over the old one, so that a thread reading
 * them never sees half of one.
 */
export function storeCodeCache(name: string, file: string, script: Script): void {
  const files = codeCacheFiles(name);
  mkdirSync(codeCacheDir(), { recursive: true });
  const write = (to: string, data: string | Buffer) => {
    const part = `${to}.${process.pid}-${threadId}.part`;
    writeFileSync(part, data);
    renameSync(part, to);
  };
  write(files.data, script.createCachedData());
  write(files.stamp, `${fileStamp(file)}\n`);
}
