/**
 * Writing a run's output folder atomically: everything goes to a temporary sibling folder, which
 * is renamed into place only when complete, so an interrupted or failed run leaves no
 * half-written results (and an earlier complete output stays until the new one is whole). Which
 * folders may be replaced is output-dir.ts's rule, checked when staging starts and again at commit.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Summary } from './summary.js';
import { QUANTILE_KEYS, type SeriesStats } from './summary.js';
import { ENGINE } from '../engine-info.js';
import { checkOutputDir, inventory, MANIFEST_FORMAT, OutputRefused, previousOutputProblem, type OutputPolicy } from './output-dir.js';

export class StagedDir {
  readonly tmp: string;
  private done = false;

  /** Throws OutputRefused, before writing anything, if `finalDir` may not be written. */
  constructor(readonly finalDir: string, private readonly policy: OutputPolicy = {}) {
    checkOutputDir(finalDir, policy);
    mkdirSync(dirname(finalDir), { recursive: true });
    this.tmp = join(dirname(finalDir), `.${basename(finalDir)}.partial-${process.pid}-${Date.now()}`);
    mkdirSync(this.tmp);
  }

  write(name: string, data: string | Uint8Array): void {
    const path = join(this.tmp, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
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
      renameSync(this.finalDir, old);
      // Checked again once moved aside, where nothing can be added to it meanwhile.
      const problem = this.policy.force ? undefined : previousOutputProblem(old);
      if (problem) {
        renameSync(old, this.finalDir);
        throw new OutputRefused(`--out ${this.finalDir}: ${problem}`);
      }
      try {
        renameSync(this.tmp, this.finalDir);
      } catch (err) {
        renameSync(old, this.finalDir);
        throw err;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      try {
        renameSync(this.tmp, this.finalDir);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
          throw new OutputRefused(`--out ${this.finalDir}: was created by something else while this run was writing; nothing was replaced`);
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

/** JSON as written to disk: two-space indent, trailing newline. */
export const toJson = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

const csvCell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

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
  });
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}
