/** Whole-process runs of the CLI: peak memory, and wall time from the shell to the written report. */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export interface ProcessRun {
  seconds: number;
  /** Peak resident set size, MB (from the preload), when asked for. */
  maxRssMB?: number;
}

/** Runs `node [--import preload] cli args`, timing it from spawn to exit. */
export function runCli(cli: string, args: string[], cwd: string, preload?: string): ProcessRun {
  const node = [...(preload ? ['--import', pathToFileURL(preload).href] : []), cli, ...args];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, node, { cwd, encoding: 'utf8', maxBuffer: 16 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`trade-sim ${args.join(' ')} failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const m = /trade-sim-bench maxRSS=(\d+)/.exec(r.stderr);
  return m ? { seconds, maxRssMB: Number(m[1]) / 1024 } : { seconds };
}
