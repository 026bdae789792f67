/**
 * The time line of a run (engine/trace.ts, TRADE_SIM_TRACE=1), as bench/trace.ts reads it: every
 * chunk of a 2-worker run is simulated once, between a start and an end mark of one thread (the
 * pool's, or the main thread, which is one of a run's workers),
 * and all of it lies between the driver's start and end. Off (the default), a
 * run keeps no marks. In a child process, since the flag is read when the module loads.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const script = `
import { prepareScenario } from './dist/project.js';
import { simulate } from './dist/studies/run/run.js';
import { closeBackends } from './dist/engine/backends/index.js';
import { traceMarks } from './dist/engine/trace.js';
const plan = prepareScenario('test/fixtures/scenarios/smoke.yaml').compiled.plan;
await simulate(plan, { paths: 20480, seed: 5, workers: 2 });
await new Promise((ok) => setTimeout(ok, 100));
process.stdout.write(JSON.stringify(traceMarks()));
await closeBackends();
`;

const marksWith = (env: Record<string, string>) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Array<{ t: number; thread: number; event: string; cpu?: number; waited?: number }>;
};

describe('the trace', () => {
  it('marks every chunk once, inside one thread\'s task, between the driver\'s start and end', () => {
    const marks = marksWith({ TRADE_SIM_TRACE: '1' });
    const at = (e: string) => marks.find((m) => m.event === e)?.t ?? NaN;
    const covered = new Array<number>(20).fill(0);
    const threads = new Set<number>();
    for (const m of marks) {
      const s = /^worker: task (\d+)-(\d+) start$/.exec(m.event);
      if (!s) continue;
      const end = marks.find((e) => e.thread === m.thread && e.event === `worker: task ${s[1]}-${s[2]} end`);
      expect(end).toBeDefined();
      expect((end as { t: number }).t).toBeGreaterThanOrEqual(m.t);
      expect(m.t).toBeGreaterThanOrEqual(at('driver: start'));
      expect((end as { t: number }).t).toBeLessThanOrEqual(at('driver: end'));
      threads.add(m.thread);
      for (let c = Number(s[1]); c < Number(s[2]); c++) covered[c] = (covered[c] as number) + 1;
    }
    expect(covered).toEqual(new Array<number>(20).fill(1));
    // This thread and the one pool thread of a 2-worker run (pool.ts threadsFor). This thread takes
    // a task at once; the pool thread, starting, may find none left on a loaded machine.
    expect(threads.has(0)).toBe(true);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('each pool thread that took a task loaded with the main thread\'s kernel module (not one it compiled) before its first task', () => {
    const marks = marksWith({ TRADE_SIM_TRACE: '1' });
    const workers = [...new Set(marks.filter((m) => m.thread !== 0 && /^worker: task /.test(m.event)).map((m) => m.thread))];
    expect(workers.length).toBeGreaterThanOrEqual(1);
    for (const th of workers) {
      const events = marks.filter((m) => m.thread === th).map((m) => m.event);
      expect(events[0]).toBe('worker: loaded (kernel module shared)');
      expect(events[1]).toMatch(/^worker: task \d+-\d+ start$/);
    }
  });

  it('a pool thread builds one simulator for runs of the same plan, and another for a different plan', () => {
    const many = `
import { prepareScenario } from './dist/project.js';
import { simulateMany } from './dist/studies/run/run.js';
import { closeBackends } from './dist/engine/backends/index.js';
import { traceMarks } from './dist/engine/trace.js';
const smoke = prepareScenario('test/fixtures/scenarios/smoke.yaml').compiled.plan;
const other = prepareScenario('test/fixtures/compare/base.yaml').compiled.plan;
await simulateMany([1, 2, 3, 4].map((seed) => ({ plan: smoke, opts: { paths: 4096, seed, workers: 2 } })), 1);
await new Promise((ok) => setTimeout(ok, 100));
const before = traceMarks();
await simulateMany([{ plan: other, opts: { paths: 4096, seed: 1, workers: 2 } }]);
await new Promise((ok) => setTimeout(ok, 100));
process.stdout.write(JSON.stringify([before, traceMarks()]));
await closeBackends();
`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', many], { encoding: 'utf8', env: { ...process.env, TRADE_SIM_TRACE: '1' } });
    expect(r.stderr).toBe('');
    const [same, different] = JSON.parse(r.stdout) as Array<Array<{ thread: number; event: string }>>;
    const built = (marks: Array<{ thread: number; event: string }>) => {
      const per = new Map<number, number>();
      for (const m of marks) if (/^worker: study \d+ simulator built$/.test(m.event)) per.set(m.thread, (per.get(m.thread) ?? 0) + 1);
      return per;
    };
    const tasks = (same ?? []).filter((m) => /^worker: task \d+-\d+ start$/.test(m.event)).length;
    expect(tasks).toBe(16);
    // a study of many runs starts a thread for each worker, and leaves the main thread out (pool.ts threadsFor)
    expect((same ?? []).filter((m) => m.thread === 0 && /^worker: task /.test(m.event))).toEqual([]);
    // four runs (studies) of one plan: at most one simulator per thread, at least one in all
    const first = built(same ?? []);
    expect([...first.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    for (const n of first.values()) expect(n).toBe(1);
    // a different plan: each thread that took one of its tasks built a simulator for it
    const workers = new Set((different ?? []).filter((m) => /^worker: task /.test(m.event)).map((m) => m.thread));
    expect(workers.size).toBeGreaterThanOrEqual(1);
    const second = built(different ?? []);
    for (const th of workers) expect(second.get(th)).toBe(1);
  });

  it.skipIf(!existsSync('/proc/thread-self/schedstat'))('on Linux each mark carries its thread\'s CPU and run-queue time, which never fall and never exceed the wall time since the first mark by more than the accounting\'s slack', () => {
    const marks = marksWith({ TRADE_SIM_TRACE: '1' });
    for (const th of new Set(marks.map((m) => m.thread))) {
      const mine = marks.filter((m) => m.thread === th);
      const first = mine[0] as { t: number; cpu?: number; waited?: number };
      expect(first.cpu).toBeGreaterThan(0);
      for (const [i, m] of mine.entries()) {
        expect(m.cpu).toBeDefined();
        expect(m.waited).toBeGreaterThanOrEqual(0);
        if (i === 0) continue;
        const prev = mine[i - 1] as typeof m;
        expect(m.cpu).toBeGreaterThanOrEqual(prev.cpu as number);
        expect(m.waited).toBeGreaterThanOrEqual(prev.waited as number);
        // A thread is on a CPU or waiting for one at most the wall time between marks, give or take
        // what mark() cannot see: a tick of accounting (4-10 ms), and a preemption between reading
        // the clock and reading schedstat (a time slice of other work: under 40 ms on a loaded
        // 2-core machine, where 10 ms alone made this test fail now and then). Milliseconds for
        // nanoseconds or microseconds would exceed it by orders of magnitude.
        expect((m.cpu as number) + (m.waited as number) - (first.cpu as number) - (first.waited as number)).toBeLessThanOrEqual(m.t - first.t + 50);
      }
    }
  });

  it('keeps nothing when off', () => {
    expect(marksWith({ TRADE_SIM_TRACE: '0' })).toEqual([]);
  });
});
