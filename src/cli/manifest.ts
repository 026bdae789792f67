/** manifest.json: how a run was made (engine, machine, timing). Not deterministic, unlike the results. */
import { cpus } from 'node:os';
import { ENGINE } from '../engine-info.js';
import { BLOCK } from '../engine/kernel/index.js';

export interface RunFacts {
  workers: number;
  chunkSize: number;
  paths: number;
  seed: number;
  wallSeconds: number;
  /** Flow-steps simulated: paths x steps x flows (summed over scenarios for a comparison). */
  flowSteps: number;
}

/** The fields every manifest has, with `extra` (what the run was of) after the seed. */
export function manifest(facts: RunFacts, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    engine: ENGINE,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    workers: facts.workers,
    chunkSize: facts.chunkSize,
    blockSize: BLOCK,
    paths: facts.paths,
    seed: facts.seed,
    ...extra,
    wallSeconds: facts.wallSeconds,
    pathsPerSecond: facts.paths / facts.wallSeconds,
    flowStepsPerSecond: facts.flowSteps / facts.wallSeconds,
    createdAt: new Date().toISOString(),
  };
}
