/**
 * A thread that builds simulator after simulator (a study of many plans: a sensitivity study, or
 * the bench's 20 distinct plans) keeps the optimised code of its simulation loop. The engine's
 * numbers do not depend on this; its speed does. In a 20-plan study each pool thread deoptimised
 * `step` and `policyTargets` twice ("wrong map"). Once the Agreements constructor was optimised,
 * its inlined Array.prototype.map made `flowOps` an array of another map than the builtin had
 * (kernel/agreements.ts). V8's deoptimisation trace is the only place this shows, so the test
 * reads it from a child process, with a deliberate wrong-map deoptimisation as the control that
 * the trace names functions as this test expects.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const distUrl = (...parts: string[]) => pathToFileURL(join(repo, 'dist', ...parts)).href;

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
function probeShape(o) { return o.x; }
let s = 0;
for (let i = 0; i < 200000; i++) s += probeShape({ x: i });
s += probeShape({ y: 1, x: 2 });
if (!(s > 0)) throw new Error('unreachable');
`;

/** The functions the trace says were deoptimised for a wrong map, in order. */
function wrongMapDeopts(trace: string): string[] {
  return [...trace.matchAll(/^\[bailout \(kind: [^,]+, reason: wrong map\).*?<JSFunction (\S+)/gm)].map((m) => m[1] as string);
}

describe("a thread's later simulators", () => {
  it('keep the simulation loop optimised: no wrong-map deoptimisation of step, policyTargets, runBlock or simulateChunk over 30 simulators', () => {
    const trace = execFileSync(process.execPath, ['--trace-deopt', '--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
    const deopts = wrongMapDeopts(trace);
    expect(deopts, 'the control: a function met with a second shape').toContain('probeShape');
    expect(deopts.filter((f) => ['step', 'policyTargets', 'runBlock', 'simulateChunk'].includes(f))).toEqual([]);
  }, 60_000);
});
