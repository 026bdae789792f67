/**
 * A thread that builds simulator after simulator (a study of many plans: a sensitivity study, or
 * the bench's 20 distinct plans) keeps the optimised code of its simulation loop. The engine's
 * numbers do not depend on this; its speed does. In a 20-plan study each pool thread deoptimised
 * `step` and `policyTargets` twice ("wrong map"). Once the Agreements constructor was optimised,
 * its inlined Array.prototype.map made `flowOps` an array of another map than the builtin had
 * (kernel/agreements.ts). Likewise a comparison's tasks: each starts a partial whose chunk list is
 * an empty array, and addChunk, which pushed to it, was deoptimised 8 to 10 times a run
 * (kinds/paired.ts). V8's deoptimisation trace is the only place this shows, so the tests read it
 * from a child process, with a deliberate wrong-map deoptimisation as the control that the trace
 * names functions as these tests expect. The child optimises on its own thread
 * (--no-concurrent-recompilation): with V8's compiler threads behind a loaded machine's, code
 * could still be unoptimised when it meets the second map, and then nothing is thrown away.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const distUrl = (...parts: string[]) => pathToFileURL(join(repo, 'dist', ...parts)).href;

// Optimised on demand, not by a hot loop: under a full test run's load the loop's optimised code
// could arrive after the loop, and the control then failed.
const control = `
function probeShape(o) { return o.x; }
%PrepareFunctionForOptimization(probeShape);
probeShape({ x: 1 }); probeShape({ x: 2 });
%OptimizeFunctionOnNextCall(probeShape);
probeShape({ x: 3 });
if (probeShape({ y: 1, x: 2 }) !== 2) throw new Error('unreachable');
`;

// 30 simulators of the default scenario, each from a structured clone of its plan (as a pool thread
// receives plans), one 512-path chunk each: V8 optimises the constructor within the first 20.
const script = `
import v8 from 'node:v8';
const { prepareScenario } = await import(${JSON.stringify(distUrl('project.js'))});
const { ChunkSimulator } = await import(${JSON.stringify(distUrl('engine', 'kernel', 'index.js'))});
const plan = prepareScenario(${JSON.stringify(join(repo, 'scenarios', 'baseline-pk.yaml'))}).compiled.plan;
for (let i = 0; i < 30; i++) {
  const sim = new ChunkSimulator(v8.deserialize(v8.serialize(plan)));
  sim.simulateChunk(1, 0, 512, () => {});
}
${control}`;

// A comparison of the default scenario and a variant: 12 tasks of 2 chunks, each with a partial of its own.
const comparison = `
const { prepareScenario } = await import(${JSON.stringify(distUrl('project.js'))});
const { paired } = await import(${JSON.stringify(distUrl('engine', 'kinds', 'paired.js'))});
const plan = (f) => prepareScenario(${JSON.stringify(join(repo, 'scenarios'))} + '/' + f).compiled.plan;
const sim = paired.simulator([plan('baseline-pk.yaml'), plan('variants/pk-fy25-imports-recur.yaml')]);
for (let t = 0; t < 12; t++) sim.run({ seed: 1, paths: 1e9, chunkStart: 2 * t, chunkEnd: 2 * t + 2 });
${control}`;

/** The functions the trace says were deoptimised for `reason`, in order. */
function deopts(trace: string, reason: string): string[] {
  return [...trace.matchAll(/^\[bailout \(kind: [^,]+, reason: ([^)]+)\).*?<JSFunction (\S+)/gm)].filter((m) => m[1] === reason).map((m) => m[2] as string);
}

const traced = (source: string) =>
  execFileSync(process.execPath, ['--trace-deopt', '--no-concurrent-recompilation', '--allow-natives-syntax', '--input-type=module', '-e', source],
    { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });

describe("a thread's later simulators", () => {
  it('keep the simulation loop optimised: no wrong-map deoptimisation of step, policyTargets, runBlock or simulateChunk over 30 simulators', () => {
    const wrongMap = deopts(traced(script), 'wrong map');
    expect(wrongMap, 'the control: a function met with a second shape').toContain('probeShape');
    expect(wrongMap.filter((f) => ['step', 'policyTargets', 'runBlock', 'simulateChunk'].includes(f))).toEqual([]);
  }, 60_000);
});

describe("a comparison's tasks", () => {
  it("keep its aggregation optimised: no wrong-map or not-a-Smi deoptimisation of addChunk or the simulator's run over 12 tasks", () => {
    const trace = traced(comparison);
    expect(deopts(trace, 'wrong map'), 'the control').toContain('probeShape');
    const hot = (f: string) => f === 'addChunk' || f === 'run';
    expect([...deopts(trace, 'wrong map'), ...deopts(trace, 'not a Smi')].filter(hot)).toEqual([]);
  }, 60_000);
});
