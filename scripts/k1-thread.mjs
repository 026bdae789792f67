// K1 in this thread, for A/B timing of the kernel between builds:
//   node scripts/k1-thread.mjs [--paths N] [--rounds R] DIST_A [DIST_B ...]
// Each round runs every build once, each in its own process, interleaved (the machine is shared:
// single timings move by 10-40%); prints the best round of each in M flow-steps/s, by wall time and
// by CPU time (less moved by other processes).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const paths = opt('--paths', 200_000);
const rounds = opt('--rounds', 5);

if (args[0] === '--child') {
  const dist = resolve(args[1]);
  const { prepareScenario } = await import(pathToFileURL(`${dist}/project.js`).href);
  const { simulate } = await import(pathToFileURL(`${dist}/engine/run.js`).href);
  const prep = prepareScenario(resolve(import.meta.dirname, '../bench/k1.yaml'));
  const plan = prep.compiled.plan;
  await simulate(plan, { paths: 10_240, seed: 1, workers: 0 }); // warm-up
  const t0 = performance.now(), c0 = process.cpuUsage();
  await simulate(plan, { paths, seed: 7, workers: 0 });
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const fs = paths * plan.steps * plan.flowIds.length;
  process.stdout.write(JSON.stringify({ seconds: s, mfs: fs / s / 1e6, cpuMfs: fs / cpu / 1e6 }) + '\n');
} else {
  const best = new Map(), bestCpu = new Map();
  for (let k = 0; k < rounds; k++) {
    for (const d of args) {
      const out = spawnSync(process.execPath, [import.meta.filename, '--child', d, '--paths', String(paths)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const r = JSON.parse(out.stdout);
      console.log(`round ${k} ${d}: ${r.mfs.toFixed(1)} M flow-steps/s (${r.cpuMfs.toFixed(1)} per CPU second)`);
      best.set(d, Math.max(best.get(d) ?? 0, r.mfs));
      bestCpu.set(d, Math.max(bestCpu.get(d) ?? 0, r.cpuMfs));
    }
  }
  for (const [d, v] of best) console.log(`best ${d}: ${v.toFixed(1)} M flow-steps/s (${(1e3 / v).toFixed(2)} ns/flow-step); per CPU second ${bestCpu.get(d).toFixed(1)}`);
}
