/** The suite's outputs: the printed table, results/latest.json, history.jsonl and the chart. */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Environment } from './env.js';
import type { MicroResult } from './micro.js';

export interface MacroRow {
  /** Worker threads; 0: in this thread. */
  workers: number;
  seconds: number[];
  best: number;
  flowStepsPerSecond: number;
  nsPerFlowStep: number;
  /** flow-steps/s over workers x those of 1 worker; null in this thread. */
  efficiency: number | null;
}

export interface PeerRow {
  name: string;
  label: string;
  seconds: number[];
  best: number;
  flowStepsPerSecond: number;
  nsPerFlowStep: number;
  meanFinal: number;
  medianFinal: number;
  pFinalGeTarget: number;
}

export interface Target {
  what: string;
  value: number | null;
  op: '>=' | '<=' | '<';
  target: number;
  met: boolean | null;
  note?: string;
}

export interface Latest {
  format: 'trade-sim/bench/v1';
  env: Environment;
  quick: boolean;
  k1: { scenario: string; paths: number; seed: number; rounds: number; flowSteps: number };
  micro: MicroResult[];
  macro: MacroRow[];
  peers: PeerRow[];
  skippedPeers: Record<string, string>;
  memory: { scenario: string; runs: Array<{ paths: number; maxRssMB: number; seconds: number }>; ratio: number | null } | null;
  cli: { scenario: string; paths: number; rounds: number; noCharts: number[]; charts: number[]; medianNoCharts: number; medianCharts: number } | null;
  /** Absent in results from before issue 16. */
  workloads?: {
    pk: { scenario: string; paths: number; workers: number; seconds: number[]; flowStepsPerSecond: number };
    /** K1 on 1 and 2 workers (seconds per round) and the two-process ceiling measured in the same rounds; ratios of the best of the rounds. */
    twoWorkers: { scenario: string; paths: number; oneWorker: number[]; twoWorkers: number[]; ceilings: Array<{ alone: number; pair: [number, number]; ratio: number }>; twoOverOne: number; ceiling: number; ofCeiling: number;
      /** The split ceiling (workloads.ts splitCeiling) in the same rounds, beside the tracked one (absent before it was measured). */
      splitCeilings?: Array<{ alone: number; pair: [number, number]; ratio: number }>; splitCeiling?: number; ofSplitCeiling?: number };
    /** A study of `runs` runs of `pathsEach` paths on one pool, against one run of runs x pathsEach; ratio of the best of the rounds. */
    study: {
      scenario: string; runs: number; pathsEach: number; workers: number; seconds: number[]; oneRunSeconds: number[]; ratio: number; flowStepsPerSecond: number;
      /** The same with 20 distinct plans (absent before they were measured). */
      distinctSeconds?: number[]; distinctRatio?: number;
    };
  };
  ratios: Record<string, number | null>;
  targets: Target[];
}

export interface HistoryLine {
  date: string;
  commit: string;
  dirty: boolean;
  node: string;
  cpu: string;
  cores: number;
  quick: boolean;
  paths: number;
  /** M flow-steps/s by number of workers ("0": in this thread). */
  ours: Record<string, number>;
  peers: Record<string, number>;
  ratios: Record<string, number | null>;
  rssMB: Record<string, number>;
  cli10kSeconds: { noCharts: number; charts: number } | null;
  /** M flow-steps/s of baseline-pk on one worker and of the 20-plan study (absent before issue 16). */
  pk?: number;
  study?: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const M = (x: number) => (x / 1e6).toFixed(1);
const int = (x: number) => x.toLocaleString('en-US');

export function table(r: Latest): string {
  const L: string[] = [];
  const e = r.env;
  L.push(`trade-sim benchmark ${e.date}  commit ${e.commit}${e.dirty ? ' + uncommitted changes' : ''}  Node ${e.node}  ${e.cpu} x ${e.cores} cores${r.quick ? '  (quick)' : ''}`);
  L.push(`K1 (${r.k1.scenario}): ${int(r.k1.paths)} paths x ${r.k1.flowSteps / r.k1.paths} flow-steps, seed ${r.k1.seed}; best of ${r.k1.rounds} round(s), runs interleaved`);
  L.push('');
  L.push(`${pad('Micro-benchmarks (tinybench)', 58)}${lpad('ns/item', 9)}${lpad('+-%', 7)}  item`);
  for (const m of r.micro) L.push(`${pad(m.name, 58)}${lpad(f(m.nsPerItem, 2), 9)}${lpad(f(m.rme, 1), 7)}  ${m.item}`);
  L.push('');
  L.push(`${pad('K1 throughput', 34)}${lpad('seconds', 9)}${lpad('M flow-steps/s', 16)}${lpad('ns/flow-step', 14)}${lpad('efficiency', 12)}`);
  for (const m of r.macro) {
    const name = m.workers === 0 ? 'trade-sim, in this thread' : `trade-sim, ${m.workers} worker${m.workers === 1 ? '' : 's'}`;
    L.push(`${pad(name, 34)}${lpad(f(m.best, 3), 9)}${lpad(M(m.flowStepsPerSecond), 16)}${lpad(f(m.nsPerFlowStep, 2), 14)}${lpad(m.efficiency === null ? '' : f(m.efficiency, 3), 12)}`);
  }
  for (const p of r.peers) L.push(`${pad(`peer: ${p.label}`, 34)}${lpad(f(p.best, 3), 9)}${lpad(M(p.flowStepsPerSecond), 16)}${lpad(f(p.nsPerFlowStep, 2), 14)}`);
  for (const [name, why] of Object.entries(r.skippedPeers)) L.push(`peer: ${name}: skipped (${why})`);
  L.push('  (trade-sim: the whole simulate() call, worker start-up and aggregation included; peers: their own');
  L.push('   simulation-only timing. Each row is the best of its rounds.)');
  L.push('');
  if (r.memory) {
    const runs = r.memory.runs.map((x) => `${int(x.paths)} paths ${f(x.maxRssMB, 1)} MB (${f(x.seconds, 1)} s)`).join(', ');
    L.push(`Peak RSS, whole CLI run of ${r.memory.scenario} (all cores): ${runs}; ratio ${f(r.memory.ratio, 3)}`);
  }
  const w = r.workloads;
  if (w) {
    L.push(`baseline-pk (${w.pk.scenario}), ${int(w.pk.paths)} paths on 1 worker: ${f(Math.min(...w.pk.seconds), 3)} s, ${M(w.pk.flowStepsPerSecond)} M flow-steps/s`);
    const c = w.twoWorkers;
    L.push(`K1 at ${int(c.paths)} paths, per round: 1 worker ${c.oneWorker.map((x) => f(x, 3)).join(', ')} s; 2 workers ${c.twoWorkers.map((x) => f(x, 3)).join(', ')} s; `
      + `two-process ceiling ${c.ceilings.map((x) => f(x.ratio, 3)).join(', ')} (one process alone ${c.ceilings.map((x) => f(x.alone, 3)).join(', ')} s)`);
    L.push(`  best of the rounds: 2 workers / 1 = ${f(c.twoOverOne, 3)} against a ceiling of ${f(c.ceiling, 3)}: ${f(c.ofCeiling, 3)} of it`);
    if (c.splitCeilings && c.splitCeiling !== undefined && c.ofSplitCeiling !== undefined) {
      L.push(`  split ceiling (one run alone against its two halves at once) ${c.splitCeilings.map((x) => f(x.ratio, 3)).join(', ')}; best ${f(c.splitCeiling, 3)}: 2 workers / 1 is ${f(c.ofSplitCeiling, 3)} of it`);
    }
    const s = w.study;
    L.push(`Study of ${s.runs} x ${int(s.pathsEach)} paths of baseline-pk on one pool of ${s.workers}: ${s.seconds.map((x) => f(x, 2)).join(', ')} s; `
      + `one run of ${int(s.runs * s.pathsEach)}: ${s.oneRunSeconds.map((x) => f(x, 2)).join(', ')} s; best ratio ${f(s.ratio, 3)}`);
    if (s.distinctSeconds && s.distinctRatio !== undefined) {
      L.push(`  with ${s.runs} distinct plans: ${s.distinctSeconds.map((x) => f(x, 2)).join(', ')} s; best ratio ${f(s.distinctRatio, 3)}`);
    }
  }
  if (r.cli) {
    L.push(`${int(r.cli.paths)}-path CLI run of ${r.cli.scenario}, shell to written report, median of ${r.cli.rounds}: `
      + `--no-charts ${f(r.cli.medianNoCharts, 2)} s (${r.cli.noCharts.map((x) => f(x, 2)).join(', ')}), `
      + `with charts ${f(r.cli.medianCharts, 2)} s (${r.cli.charts.map((x) => f(x, 2)).join(', ')})`);
  }
  L.push('');
  L.push(`${pad('Targets', 46)}${lpad('value', 9)}${lpad('target', 10)}  `);
  for (const t of r.targets) {
    const verdict = t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED';
    L.push(`${pad(t.what, 46)}${lpad(f(t.value, 3), 9)}${lpad(`${t.op} ${t.target}`, 10)}  ${verdict}${t.note ? `  (${t.note})` : ''}`);
  }
  return L.join('\n');
}

export function historyLine(r: Latest): HistoryLine {
  return {
    date: r.env.date,
    commit: r.env.commit,
    dirty: r.env.dirty,
    node: r.env.node,
    cpu: r.env.cpu,
    cores: r.env.cores,
    quick: r.quick,
    paths: r.k1.paths,
    ours: Object.fromEntries(r.macro.map((m) => [String(m.workers), +(m.flowStepsPerSecond / 1e6).toFixed(2)])),
    peers: Object.fromEntries(r.peers.map((p) => [p.name, +(p.flowStepsPerSecond / 1e6).toFixed(2)])),
    ratios: Object.fromEntries(Object.entries(r.ratios).map(([k, v]) => [k, v === null ? null : +v.toFixed(3)])),
    rssMB: Object.fromEntries((r.memory?.runs ?? []).map((x) => [String(x.paths), +x.maxRssMB.toFixed(1)])),
    cli10kSeconds: r.cli ? { noCharts: +r.cli.medianNoCharts.toFixed(3), charts: +r.cli.medianCharts.toFixed(3) } : null,
    ...(r.workloads ? { pk: +(r.workloads.pk.flowStepsPerSecond / 1e6).toFixed(2), study: +(r.workloads.study.flowStepsPerSecond / 1e6).toFixed(2) } : {}),
  };
}

export function readHistory(file: string): HistoryLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as HistoryLine);
}

export function appendHistory(file: string, line: HistoryLine): void {
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

export function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

const SERIES: Array<[string, (h: HistoryLine) => number | undefined]> = [
  ['trade-sim, 1 worker', (h) => h.ours['1']],
  ['trade-sim, all cores', (h) => h.ours[String(h.cores)]],
  ['baseline-pk, 1 worker', (h) => h.pk],
  ['20-plan study of baseline-pk, all cores', (h) => h.study],
  ['C peer', (h) => h.peers.c],
  ['numpy peer', (h) => h.peers.numpy],
  ['plain JS peer', (h) => h.peers.js],
];

/** Vega-Lite: throughput over commits (history), and scaling with workers (this run). */
export function chartSpec(history: HistoryLine[], r: Latest): TopLevelSpec {
  const full = history.filter((h) => !h.quick);
  const runs = full.length > 0 ? full : history;
  const overCommits = runs.flatMap((h, i) => SERIES.flatMap(([series, get]) => {
    const v = get(h);
    return v === undefined ? [] : [{ i, run: `${h.commit}${h.dirty ? '+' : ''} ${h.date.slice(5, 16).replace('T', ' ')}`, series, value: v }];
  }));
  const one = r.macro.find((m) => m.workers === 1)?.flowStepsPerSecond ?? NaN;
  const scaling = r.macro.filter((m) => m.workers >= 1).flatMap((m) => [
    { workers: m.workers, series: 'trade-sim (measured)', value: m.flowStepsPerSecond / 1e6 },
    { workers: m.workers, series: 'trade-sim, linear (workers x 1 worker)', value: (m.workers * one) / 1e6 },
  ]);
  for (const p of r.peers) {
    for (const m of r.macro.filter((x) => x.workers >= 1)) scaling.push({ workers: m.workers, series: `${p.label} (1 thread)`, value: p.flowStepsPerSecond / 1e6 });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'trade-sim throughput: K1, baseline-pk and a 20-plan study (M flow-steps per second, higher is better)', subtitle: `${r.env.cpu} x ${r.env.cores} cores, Node ${r.env.node}; bench/README.md` },
    config: { font: 'sans-serif', view: { stroke: null } },
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
    hconcat: [
      {
        title: `Over commits (${full.length > 0 ? 'full runs' : 'all runs'} in bench/history.jsonl)`,
        width: 460,
        height: 280,
        data: { values: overCommits },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'run', type: 'ordinal', sort: { field: 'i', op: 'min' }, title: 'commit (+: with uncommitted changes), date (UTC)', axis: { labelAngle: -40, labelLimit: 200 } },
          y: { field: 'value', type: 'quantitative', title: 'M flow-steps/s' },
          color: { field: 'series', type: 'nominal', title: null, sort: SERIES.map(([s]) => s), legend: { orient: 'bottom', columns: 2, labelLimit: 260 } },
          tooltip: [{ field: 'run' }, { field: 'series' }, { field: 'value', format: '.1f' }],
        },
      },
      {
        title: `Scaling with workers (this run, ${r.k1.paths.toLocaleString('en-US')} paths)`,
        width: 300,
        height: 280,
        data: { values: scaling },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'workers', type: 'ordinal', title: 'worker threads', axis: { labelAngle: 0 } },
          y: { field: 'value', type: 'quantitative', title: 'M flow-steps/s' },
          color: { field: 'series', type: 'nominal', title: null, scale: { scheme: 'dark2' }, legend: { orient: 'bottom', columns: 1, labelLimit: 300 } },
          strokeDash: { field: 'series', type: 'nominal' },
          tooltip: [{ field: 'series' }, { field: 'workers' }, { field: 'value', format: '.1f' }],
        },
      },
    ],
  } as TopLevelSpec;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
