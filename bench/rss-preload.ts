/**
 * Preloaded into a child process (node --import) by the memory benchmark: at exit, reports the
 * process's peak resident set size (all threads) on stderr as `trade-sim-bench maxRSS=<kB>`.
 *
 * On Linux, VmHWM of /proc/self/status: the peak of this program's own memory. Not
 * process.resourceUsage().maxRSS there: Linux carries ru_maxrss across fork and exec, so a child
 * of the benchmark reported the benchmark's own peak whenever that was higher (177.4 MB for both
 * 200,000 and 2,000,000 paths at a36f49a, whose runs peak at 118 and 131 MB).
 */
import { readFileSync } from 'node:fs';

function peakKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: no /proc
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  process.stderr.write(`\ntrade-sim-bench maxRSS=${peakKb()}\n`);
});
