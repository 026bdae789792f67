/**
 * The throughput suite (`npm run bench`; bench/README.md). In one run, on this machine:
 *   1. K1 (bench/k1.yaml) at 500,000 paths on 1, 2, ... (core count) workers and in
 *      this thread, interleaved round by round with the peers of bench/peers (C, numpy, plain
 *      JS) on the same paths; best of the rounds;
 *   2. micro-benchmarks of the hot loop's parts (tinybench), after K1, so that what they leave in
 *      this thread's JIT cannot move K1's figure in this thread (in two runs with them first it
 *      was 20-35% below the run without them; the cause is not established);
 *   3. peak RSS of whole CLI runs of K1 at 200,000 and 2,000,000 paths (child processes);
 *   4. wall time of a 10,000-path CLI run of the default scenario, with and without charts;
 *   5. in the same rounds as 1: baseline-pk on one worker (flow-steps/s, and its ratio to K1's),
 *      K1 at 100,000 paths on 1 and 2 workers against the two-process ceiling measured beside
 *      them, and a study of 20 runs of 10,000 paths of baseline-pk on one pool against one run of
 *      200,000 paths (bench/lib/workloads.ts), once with the same plan for every run and once
 *      with 20 distinct plans (re-keyed as a sensitivity study's are);
 * then prints a table, writes bench/results/latest.json, appends a line to bench/history.jsonl
 * and renders bench/throughput.vl.json and bench/throughput.svg.
 *
 * Options: --quick (CI-sized: 50,000 paths, one round, RSS at 20,000 and 200,000 paths),
 * --paths N, --rounds R, --seed S, --peers DIR, --no-peers, --no-memory, --no-cli, --no-micro,
 * --no-history; --render-only redraws the chart from the last results without measuring.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareScenario } from '../src/project.js';
import { environment } from './lib/env.js';
import { flowSteps, timeRun } from './lib/macro.js';
import { splitCeiling, timeStudy, twoProcessCeiling, type Ceiling } from './lib/workloads.js';
import { micro } from './lib/micro.js';
import { preparePeers, runPeer, type PeerOutput } from './lib/peers.js';
import { runCli } from './lib/process.js';
import {
  appendHistory, chartSpec, historyLine, median, readHistory, renderSvg, table, writeJson,
  type Latest, type MacroRow, type PeerRow, type Target,
} from './lib/report.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository: this file runs from dist-bench/bench/. */
const REPO = resolve(here, '../..');
const BENCH = join(REPO, 'bench');
const CLI = join(REPO, 'dist/cli/main.js');
const K1 = 'bench/k1.yaml';
const PK = 'scenarios/baseline-pk.yaml';
const SOLO = join(here, 'solo.js');

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    paths: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string', default: '1' },
    peers: { type: 'string', default: process.env.TRADE_SIM_PEERS ?? join(BENCH, 'peers') },
    'no-peers': { type: 'boolean', default: false },
    'no-memory': { type: 'boolean', default: false },
    'no-cli': { type: 'boolean', default: false },
    'no-micro': { type: 'boolean', default: false },
    'no-history': { type: 'boolean', default: false },
    'render-only': { type: 'boolean', default: false },
  },
});

const quick = opt.quick === true;
const paths = Number(opt.paths ?? (quick ? 50_000 : 500_000));
const rounds = Number(opt.rounds ?? (quick ? 1 : 3));
const seed = Number(opt.seed);
const say = (s: string) => process.stderr.write(`${s}\n`);

/** Redraws the chart from bench/results/latest.json and bench/history.jsonl, measuring nothing. */
async function renderOnly(): Promise<void> {
  const latest = JSON.parse(readFileSync(join(BENCH, 'results/latest.json'), 'utf8')) as Latest;
  const spec = chartSpec(readHistory(join(BENCH, 'history.jsonl')), latest);
  writeJson(join(BENCH, 'throughput.vl.json'), spec);
  writeFileSync(join(BENCH, 'throughput.svg'), await renderSvg(spec));
  say('wrote bench/throughput.vl.json, bench/throughput.svg');
}

async function main(): Promise<void> {
  if (opt['render-only']) return renderOnly();
  if (!existsSync(CLI)) throw new Error(`no ${CLI}: run "npm run build" first (npm run bench does)`);
  const env = environment(REPO);
  const plan = prepareScenario(join(REPO, K1)).compiled.plan;
  const fs = flowSteps(plan, paths);
  const tmp = mkdtempSync(join(tmpdir(), 'trade-sim-bench-'));
  try {
    // 1. K1: ours on 0 (this thread), 1 .. cores workers, and the peers, interleaved
    const workerCounts = [0, ...Array.from({ length: env.cores }, (_, i) => i + 1)];
    const ours = new Map<number, number[]>(workerCounts.map((w) => [w, []]));
    const { peers, skipped } = opt['no-peers'] ? { peers: [], skipped: { all: '--no-peers' } as Record<string, string> } : preparePeers(opt.peers as string, tmp);
    const peerRuns = new Map<string, PeerOutput[]>(peers.map((p) => [p.name, []]));
    await timeRun(plan, Math.min(paths, 20_000), seed, 0); // warm this thread's JIT (workers start cold, as in a real run)
    for (let r = 0; r < rounds; r++) {
      for (const w of workerCounts) {
        say(`round ${r + 1}/${rounds}: trade-sim on ${w === 0 ? 'this thread' : `${w} worker(s)`} ...`);
        ours.get(w)?.push(await timeRun(plan, paths, seed, w));
      }
      for (const p of peers) {
        say(`round ${r + 1}/${rounds}: peer ${p.label} ...`);
        peerRuns.get(p.name)?.push(runPeer(p, paths, seed));
      }
    }
    // 5. baseline-pk, the ceiling and the study, in rounds of their own (after K1's, which they would slow).
    const pkPlan = prepareScenario(join(REPO, PK)).compiled.plan;
    const pkPaths = Math.round(paths / 5);
    const ceilingPaths = quick ? 20_000 : 100_000;
    const studyRuns = 20, studyEach = quick ? 2_000 : 10_000;
    const pkRuns: number[] = [], k1at: Record<'1' | '2', number[]> = { 1: [], 2: [] }, ceilings: Ceiling[] = [], splits: Ceiling[] = [], study: number[] = [], studyDistinct: number[] = [], studyOne: number[] = [];
    for (let r = 0; r < rounds; r++) {
      say(`round ${r + 1}/${rounds}: baseline-pk on 1 worker, K1 at ${ceilingPaths.toLocaleString('en-US')} paths on 1 and 2 workers and the two-process ceiling, the 20-plan study ...`);
      pkRuns.push(await timeRun(pkPlan, pkPaths, seed, 1));
      k1at[1].push(await timeRun(plan, ceilingPaths, seed, 1));
      k1at[2].push(await timeRun(plan, ceilingPaths, seed, 2));
      ceilings.push(await twoProcessCeiling(SOLO, REPO, K1, ceilingPaths, seed));
      splits.push(await splitCeiling(SOLO, REPO, K1, ceilingPaths, seed));
      study.push(await timeStudy(pkPlan, studyRuns, studyEach, seed, env.cores));
      studyDistinct.push(await timeStudy(pkPlan, studyRuns, studyEach, seed, env.cores, true));
      studyOne.push(await timeRun(pkPlan, studyRuns * studyEach, seed, env.cores));
    }
    const pkFs = flowSteps(pkPlan, pkPaths) / Math.min(...pkRuns);
    // Best of the rounds for each figure, as for K1's rows: the fastest 1-worker and 2-worker runs,
    // the fastest process alone and the fastest pair (its slower member).
    const twoOverOne = Math.min(...k1at[1]) / Math.min(...k1at[2]);
    const ceiling = (2 * Math.min(...ceilings.map((c) => c.alone))) / Math.min(...ceilings.map((c) => Math.max(...c.pair)));
    // The split ceiling (workloads.ts): a figure beside the tracked one, not its replacement.
    const split = Math.min(...splits.map((c) => c.alone)) / Math.min(...splits.map((c) => Math.max(...c.pair)));
    const workloads: NonNullable<Latest['workloads']> = {
      pk: { scenario: PK, paths: pkPaths, workers: 1, seconds: pkRuns, flowStepsPerSecond: pkFs },
      twoWorkers: {
        scenario: K1, paths: ceilingPaths, oneWorker: k1at[1], twoWorkers: k1at[2], ceilings,
        twoOverOne, ceiling, ofCeiling: twoOverOne / ceiling, splitCeilings: splits, splitCeiling: split, ofSplitCeiling: twoOverOne / split,
      },
      study: {
        scenario: PK, runs: studyRuns, pathsEach: studyEach, workers: env.cores, seconds: study, oneRunSeconds: studyOne,
        ratio: Math.min(...study) / Math.min(...studyOne), flowStepsPerSecond: flowSteps(pkPlan, studyRuns * studyEach) / Math.min(...study),
        distinctSeconds: studyDistinct, distinctRatio: Math.min(...studyDistinct) / Math.min(...studyOne),
      },
    };

    const bestOurs = (w: number) => Math.min(...(ours.get(w) ?? [Infinity]));
    const one = fs / bestOurs(1);
    const macro: MacroRow[] = workerCounts.map((w) => {
      const best = bestOurs(w);
      return {
        workers: w, seconds: ours.get(w) ?? [], best,
        flowStepsPerSecond: fs / best, nsPerFlowStep: (best * 1e9) / fs,
        efficiency: w === 0 ? null : fs / best / (w * one),
      };
    });
    const peerRows: PeerRow[] = peers.map((p) => {
      const runs = peerRuns.get(p.name) ?? [];
      const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      return {
        name: p.name, label: p.label, seconds: runs.map((x) => x.seconds), best: best.seconds,
        flowStepsPerSecond: best.flow_steps_per_s, nsPerFlowStep: 1e9 / best.flow_steps_per_s,
        meanFinal: best.mean_final, medianFinal: best.median_final, pFinalGeTarget: best.p_final_ge_target,
      };
    });

    // 2. micro-benchmarks
    const microResults = opt['no-micro'] ? [] : (say('micro-benchmarks ...'), await micro(plan, quick ? 150 : 500));

    // 3. peak RSS of whole CLI runs
    let memory: Latest['memory'] = null;
    if (!opt['no-memory']) {
      const preload = join(here, 'rss-preload.js');
      const sizes = quick ? [20_000, 200_000] : [200_000, 2_000_000];
      const runs = sizes.map((n) => {
        say(`peak RSS: ${n.toLocaleString('en-US')} paths ...`);
        const x = runCli(CLI, ['run', K1, '--paths', String(n), '--seed', String(seed), '--out', join(tmp, `rss-${n}`), '--no-charts', '--quiet'], REPO, preload);
        return { paths: n, maxRssMB: x.maxRssMB ?? NaN, seconds: x.seconds };
      });
      memory = { scenario: K1, runs, ratio: (runs[1]?.maxRssMB ?? NaN) / (runs[0]?.maxRssMB ?? NaN) };
    }

    // 4. a 10,000-path run of the default scenario, shell to written report
    let cli: Latest['cli'] = null;
    if (!opt['no-cli']) {
      const scenario = existsSync(join(REPO, 'scenarios/baseline-pk.yaml')) ? 'scenarios/baseline-pk.yaml' : 'test/fixtures/scenarios/smoke.yaml';
      const n = quick ? 1 : 3;
      const noCharts: number[] = [], charts: number[] = [];
      for (let r = 0; r < n; r++) {
        say(`10,000-path CLI run of ${scenario} (${r + 1}/${n}) ...`);
        const base = ['run', scenario, '--paths', '10000', '--seed', String(seed), '--quiet'];
        noCharts.push(runCli(CLI, [...base, '--out', join(tmp, `cli-${r}-a`), '--no-charts'], REPO).seconds);
        charts.push(runCli(CLI, [...base, '--out', join(tmp, `cli-${r}-b`)], REPO).seconds);
      }
      cli = { scenario, paths: 10_000, rounds: n, noCharts, charts, medianNoCharts: median(noCharts), medianCharts: median(charts) };
    }

    const peerFs = (name: string) => peerRows.find((p) => p.name === name)?.flowStepsPerSecond;
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : a / b);
    const two = macro.find((m) => m.workers === 2)?.flowStepsPerSecond;
    const ratios: Record<string, number | null> = {
      oneWorkerOverNumpy: ratio(one, peerFs('numpy')),
      oneWorkerOverC: ratio(one, peerFs('c')),
      oneWorkerOverJs: ratio(one, peerFs('js')),
      twoWorkersOverOne: ratio(two, one),
      inThreadOverC: ratio(macro.find((m) => m.workers === 0)?.flowStepsPerSecond, peerFs('c')),
      pkOverK1OneWorker: ratio(workloads.pk.flowStepsPerSecond, one),
      twoWorkersOfCeiling: workloads.twoWorkers.ofCeiling,
      twoWorkersOfSplitCeiling: workloads.twoWorkers.ofSplitCeiling ?? null,
      studyOverOneRun: workloads.study.ratio,
      distinctStudyOverOneRun: workloads.study.distinctRatio ?? null,
    };
    const target = (what: string, value: number | null | undefined, op: Target['op'], t: number, note?: string): Target => {
      const v = value ?? null;
      const met = v === null || !Number.isFinite(v) ? null : op === '>=' ? v >= t : op === '<=' ? v <= t : v < t;
      return { what, value: v, op, target: t, met, ...(note ? { note } : {}) };
    };
    const targets: Target[] = [
      target('1 worker / numpy peer (flow-steps/s)', ratios.oneWorkerOverNumpy, '>=', 1.5),
      target('1 worker / C peer (flow-steps/s)', ratios.oneWorkerOverC, '>=', 0.6),
      target('2 workers / 1 worker (flow-steps/s)', ratios.twoWorkersOverOne, '>=', 1.8, env.cores < 2 ? 'fewer than 2 cores' : undefined),
      target(`peak RSS ${memory?.runs[1]?.paths.toLocaleString('en-US') ?? '?'} / ${memory?.runs[0]?.paths.toLocaleString('en-US') ?? '?'} paths`, memory?.ratio, '<=', 1.2, quick ? 'quick: not the 200k/2M of the target' : undefined),
      target('baseline-pk / K1, 1 worker (flow-steps/s)', ratios.pkOverK1OneWorker, '>=', 0.75),
      target('1 worker / C peer (flow-steps/s), issue 16', ratios.oneWorkerOverC, '>=', 0.9),
      target(`2 workers / 1 at ${ceilingPaths.toLocaleString('en-US')} K1 paths, of the ceiling`, ratios.twoWorkersOfCeiling, '>=', 0.95, quick ? 'quick: not 100,000 paths' : undefined),
      target(`20 x ${studyEach.toLocaleString('en-US')} / 1 x ${(studyRuns * studyEach).toLocaleString('en-US')} baseline-pk (s)`, ratios.studyOverOneRun, '<=', 1.2),
      target(`20 distinct plans x ${studyEach.toLocaleString('en-US')} / 1 x ${(studyRuns * studyEach).toLocaleString('en-US')} baseline-pk (s)`, ratios.distinctStudyOverOneRun, '<=', 1.2),
      target(`10k-path run, --no-charts (s)`, cli?.medianNoCharts, '<', 2),
      target(`10k-path run, with charts (s)`, cli?.medianCharts, '<', 2),
    ];
    const latest: Latest = {
      format: 'trade-sim/bench/v1', env, quick,
      k1: { scenario: K1, paths, seed, rounds, flowSteps: fs },
      micro: microResults, macro, peers: peerRows, skippedPeers: skipped, memory, cli, workloads, ratios, targets,
    };

    process.stdout.write(`${table(latest)}\n`);
    writeJson(join(BENCH, 'results/latest.json'), latest);
    const historyFile = join(BENCH, 'history.jsonl');
    const history = readHistory(historyFile);
    if (!opt['no-history']) {
      const line = historyLine(latest);
      appendHistory(historyFile, line);
      history.push(line);
    }
    const spec = chartSpec(history, latest);
    writeJson(join(BENCH, 'throughput.vl.json'), spec);
    writeFileSync(join(BENCH, 'throughput.svg'), await renderSvg(spec));
    say(`wrote bench/results/latest.json${opt['no-history'] ? '' : ', bench/history.jsonl (+1 line)'}, bench/throughput.vl.json, bench/throughput.svg`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
