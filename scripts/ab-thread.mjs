// A scenario simulated in this thread, for A/B timing of the kernel between builds:
//   node scripts/ab-thread.mjs [--scenario k1|pk|FILE] [--paths N] [--rounds R] DIST_A [DIST_B ...]
// k1 is bench/k1.yaml (default 200,000 paths), pk scenarios/baseline-pk.yaml (default 20,000).
// A build folder must sit inside this repository (its imports resolve node_modules from there).
// Each round runs every build once, each in its own process, interleaved (the machine is shared:
// single timings move by 10-40%, and its two vCPUs slow each other down when both are busy);
// prints each build's best and median, by CPU time (process.cpuUsage, less moved by other
// processes) and by wall time, and M flow-steps per CPU second. The run is runPrepared's, summary
// included, after a small warm-up run.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const SCENARIOS = { k1: ['../bench/k1.yaml', 200_000], pk: ['../scenarios/baseline-pk.yaml', 20_000] };
const scenarioArg = opt('--scenario', 'pk');
const [scenarioRel, defaultPaths] = SCENARIOS[scenarioArg] ?? [resolve(scenarioArg), 20_000];
const scenario = resolve(import.meta.dirname, scenarioRel);
const paths = Number(opt('--paths', defaultPaths));
const rounds = Number(opt('--rounds', 7));

if (args[0] === '--child') {
  const dist = resolve(args[1]);
  // runPrepared left project.js for studies/run/run.js (a8ac70c); an older build has it in project.js.
  const project = await import(pathToFileURL(`${dist}/project.js`).href);
  const { prepareScenario } = project;
  const runPrepared = project.runPrepared ?? (await import(pathToFileURL(`${dist}/studies/run/run.js`).href)).runPrepared;
  const prep = prepareScenario(scenario);
  await runPrepared(prep, { paths: 2_048, seed: 1, workers: 0 }); // warm-up
  const t0 = performance.now(), c0 = process.cpuUsage();
  const { result } = await runPrepared(prep, { paths, seed: 7, workers: 0 });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const flowSteps = paths * result.plan.steps * result.plan.flowIds.length;
  process.stdout.write(`${JSON.stringify({ wall, cpu: (c.user + c.system) / 1e3, flowSteps })}\n`);
} else {
  const runs = new Map(args.map((d) => [d, []]));
  for (let k = 0; k < rounds; k++) {
    for (const d of args) {
      const out = spawnSync(process.execPath, [import.meta.filename, '--child', d, '--scenario', scenario, '--paths', String(paths)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const r = JSON.parse(out.stdout);
      console.log(`round ${k} ${d}: ${r.cpu.toFixed(0)} ms CPU, ${r.wall.toFixed(0)} ms wall`);
      runs.get(d).push(r);
    }
  }
  const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
  for (const [d, rs] of runs) {
    const cpu = rs.map((r) => r.cpu), wall = rs.map((r) => r.wall);
    const perCpu = (rs[0].flowSteps / Math.min(...cpu) / 1e3).toFixed(1);
    console.log(`${d}: CPU ms best ${Math.min(...cpu).toFixed(0)} median ${median(cpu).toFixed(0)}; wall ms best ${Math.min(...wall).toFixed(0)} median ${median(wall).toFixed(0)}; ${perCpu} M flow-steps per CPU second at best (${paths} paths, ${rounds} rounds)`);
  }
}
