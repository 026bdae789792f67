// Compares peers' JSON lines (stdin, one per run) with k1-reference.json: for each statistic, the
// difference in units of its Monte Carlo error at the run's paths, sqrt(sd_per_path^2 / N + se^2)
// (the *_corrected figures where the file has them).
// Exit 1 if any is 4 or more.   usage: node bench/peers/k1.mjs 200000 1 | node bench/peers/agree.mjs
import { readFileSync } from 'node:fs';

const ref = JSON.parse(readFileSync(new URL('./k1-reference.json', import.meta.url), 'utf8'));
const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{'));
let worst = 0;
for (const line of lines) {
  const run = JSON.parse(line);
  const cells = ['mean_final', 'median_final', 'p_final_ge_target'].map((key) => {
    const sd = ref[`${key}_sd_per_path_corrected`] ?? ref[`${key}_sd_per_path`];
    const se = ref[`${key}_se_corrected`] ?? ref[`${key}_se`];
    const error = Math.sqrt(sd ** 2 / run.paths + se ** 2);
    const z = (run[key] - ref[key]) / error;
    worst = Math.max(worst, Math.abs(z));
    return `${key} ${run[key].toPrecision(7)} (${z >= 0 ? '+' : ''}${z.toFixed(2)})`;
  });
  console.log(`${run.peer} ${run.paths} paths: ${cells.join(', ')}`);
}
if (lines.length === 0) { console.error('agree: no JSON line on stdin'); process.exit(2); }
process.exit(worst < 4 ? 0 : 1);
