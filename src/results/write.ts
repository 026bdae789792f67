/**
 * Writing a run's output folder atomically: everything goes to a temporary sibling folder, which
 * is renamed into place only when complete, so an interrupted or failed run leaves no
 * half-written results (and an earlier complete output stays until the new one is whole). Which
 * folders may be replaced is output-dir.ts's rule, checked when staging starts and again at commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Summary } from './summary.js';
import { QUANTILE_KEYS, type SeriesStats } from './summary.js';
import { ENGINE } from '../engine-info.js';
import { checkOutputDir, inventory, MANIFEST_FORMAT, OutputRefused, outputLabel, previousOutputProblem, type OutputPolicy } from './output-dir.js';

export class StagedDir {
  readonly tmp: string;
  /** `finalDir` resolved: written as the user may write it (`res/.`, `new/res/..`), its last part would be `.` or `..`. */
  private readonly path: string;
  private done = false;

  /** Throws OutputRefused, before writing anything, if `finalDir` may not be written. */
  constructor(readonly finalDir: string, private readonly policy: OutputPolicy = {}) {
    checkOutputDir(finalDir, policy);
    this.path = resolve(policy.cwd ?? process.cwd(), finalDir);
    mkdirSync(dirname(this.path), { recursive: true });
    removeStaleStaging(this.path);
    this.tmp = join(dirname(this.path), `.${basename(this.path)}.partial-${process.pid}-${Date.now()}-${HOST}`);
    mkdirSync(this.tmp);
  }

  write(name: string, data: string | Uint8Array): void {
    const path = join(this.tmp, name);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    } catch (err) {
      // A failed write (ENOSPC) names no path: name the file.
      throw Object.assign(err as Error, { path: (err as NodeJS.ErrnoException).path ?? path });
    }
  }

  /**
   * Writes manifest.json (`manifest`, marked with the format, engine and list of files by which a
   * later run recognises the folder as replaceable) and moves the folder into place, replacing
   * what checkOutputDir allows.
   */
  commit(manifest: Record<string, unknown>): void {
    this.write('manifest.json', toJson({ format: MANIFEST_FORMAT, engine: ENGINE, ...manifest, files: inventory(this.tmp) }));
    const state = checkOutputDir(this.finalDir, this.policy);
    if (state === 'replace') {
      const old = `${this.tmp}.old`;
      try {
        renameSync(this.path, old);
      } catch (err) {
        // A mount point that checkOutputDir could not tell (a bind mount within one file system).
        if ((err as NodeJS.ErrnoException).code === 'EBUSY') throw new OutputRefused(`${outputLabel(this.finalDir, this.policy)}: is a mount point, which trade-sim cannot replace (it writes a folder whole by renaming it into place); nothing was written: name a new folder in it`);
        throw err;
      }
      // Checked again once moved aside, where nothing can be added to it meanwhile.
      const problem = this.policy.force ? undefined : previousOutputProblem(old);
      if (problem) {
        renameSync(old, this.path);
        throw new OutputRefused(`${outputLabel(this.finalDir, this.policy)}: ${problem}`);
      }
      try {
        renameSync(this.tmp, this.path);
      } catch (err) {
        renameSync(old, this.path);
        throw err;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      try {
        renameSync(this.tmp, this.path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
          throw new OutputRefused(`${outputLabel(this.finalDir, this.policy)}: was created by something else while this run was writing; nothing was replaced`);
        }
        throw err;
      }
    }
    this.done = true;
  }

  /** Removes the temporary folder unless committed: call in `finally`. */
  discard(): void {
    if (!this.done) rmSync(this.tmp, { recursive: true, force: true });
  }
}

/**
 * This machine, in a staging folder's name: `h` and 8 hex digits of the SHA-256 of its host name.
 * A process id means something only on the machine that gave it: on a folder shared between
 * machines (NFS), another machine's live run must not be taken for a dead one of this machine.
 */
export const HOST = `h${createHash('sha256').update(hostname()).digest('hex').slice(0, 8)}`;

/**
 * `.NAME.partial-PID-TIME-HOST`, and `.old` for an earlier output moved aside while replacing it;
 * names without HOST, from before it was added, are taken as this machine's.
 */
const STAGING = /^\.(.+)\.partial-(\d+)-\d+(?:-(h[0-9a-f]{8}))?(\.old)?$/;

/**
 * Staging folders left beside `finalDir` by a run of this machine that died (its process is gone):
 * removed, except an earlier output moved aside just before the crash, which is put back if
 * nothing replaced it. Another machine's are left: whether its process lives cannot be told here.
 */
export function removeStaleStaging(finalDir: string): void {
  const parent = dirname(finalDir);
  for (const name of readdirSync(parent)) {
    const m = STAGING.exec(name);
    if (!m || m[1] !== basename(finalDir) || (m[3] !== undefined && m[3] !== HOST) || isRunning(Number(m[2]))) continue;
    const path = join(parent, name);
    if (m[4] && !existsSync(finalDir) && previousOutputProblem(path) === undefined) renameSync(path, finalDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Throws if any number in `value` is NaN or infinite, naming where: results are checked before
 * they are written, so that no file ever holds NaN (or the null JSON writes for it).
 */
export function assertFinite(value: unknown, scenario: string): void {
  const bad = firstNonFinite(value, '');
  if (bad) {
    throw new Error(`scenario "${scenario}": the simulation produced a non-finite number (${bad.path.slice(1) || 'the result'} is ${bad.value}); nothing was written`);
  }
}

function firstNonFinite(v: unknown, path: string): { path: string; value: number } | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { path, value: v };
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const list = v as ArrayLike<unknown>;
    for (let i = 0; i < list.length; i++) {
      const bad = firstNonFinite(list[i], `${path}[${i}]`);
      if (bad) return bad;
    }
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const bad = firstNonFinite(x, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** JSON as written to disk: two-space indent, trailing newline. */
export const toJson = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

const csvCell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Rows as CSV text (null: an empty cell), with a trailing newline. */
export const csvText = (rows: Array<Array<string | number | null>>) => `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;

/** Long format for spreadsheets: year, series, statistic, value. */
export function quantilesCsv(s: Summary): string {
  const rows: Array<Array<string | number>> = [['year', 'series', 'statistic', 'value']];
  const add = (series: string, st: SeriesStats) => {
    s.years.forEach((year, y) => {
      rows.push([year, series, 'mean', st.mean[y] as number]);
      rows.push([year, series, 'mean_se', st.meanStandardError[y] as number]);
      for (const q of QUANTILE_KEYS) rows.push([year, series, q, st[q][y] as number]);
    });
  };
  add('total', s.annual.total);
  for (const [name, st] of Object.entries(s.annual.bySector)) add(`sector:${name}`, st);
  for (const [name, st] of Object.entries(s.annual.byDirection)) add(`direction:${name}`, st);
  s.years.forEach((year, y) => {
    rows.push([year, 'total', 'p_ge_target', s.target.probability[y] as number]);
    rows.push([year, 'total', 'p_ge_target_se', s.target.standardError[y] as number]);
    rows.push([year, 'total', 'p_reached_by', s.target.reachedBy[y] as number]);
    rows.push([year, 'total', 'p_reached_by_se', s.target.reachedByStandardError[y] as number]);
  });
  return csvText(rows);
}
