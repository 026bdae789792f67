/**
 * deploy/: the Slurm array task and merge step, and the Kubernetes Indexed Job's shard script, run
 * here with the environment their schedulers give them, produce the local run's summary.json; the
 * manifests parse and agree with themselves (completions = SHARDS, the merge reads what the shards write).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CLI, cli, TempDir } from '../helpers/scenario-files.js';

const SMOKE = 'test/fixtures/scenarios/smoke.yaml';
const dir = new TempDir();
afterAll(() => dir.remove());

const sh = (script: string, env: Record<string, string>) => {
  const r = spawnSync(script.endsWith('.sh') ? 'sh' : 'bash', [script], { encoding: 'utf8', env: { ...process.env, TRADE_SIM: `${process.execPath} ${CLI}`, ...env } });
  expect(r.status, r.stderr).toBe(0);
};

function local(paths: number, seed: number): string {
  const out = join(dir.path, `local-${seed}`);
  expect(cli(['run', SMOKE, '--paths', String(paths), '--seed', String(seed), '--out', out, '--quiet', '--no-charts']).code).toBe(0);
  return readFileSync(join(out, 'summary.json'), 'utf8');
}

describe('deploy/', () => {
  it('slurm: the array tasks 1..3 of 3 and the merge step write the local run\'s summary.json', () => {
    const partials = join(dir.path, 'slurm-partials'), out = join(dir.path, 'slurm-out');
    for (const k of ['1', '2', '3']) {
      sh('deploy/slurm/shard.sbatch', { SCENARIO: SMOKE, PATHS: '7000', SEED: '31', PARTIALS: partials, SLURM_ARRAY_TASK_ID: k, SLURM_ARRAY_TASK_COUNT: '3', SLURM_CPUS_PER_TASK: '1' });
    }
    sh('deploy/slurm/merge.sbatch', { PARTIALS: partials, OUT: out });
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(local(7000, 31));
  });

  it('kubernetes: completion indexes 0..2 with SHARDS=3, then the merge, write the local run\'s summary.json', () => {
    const partials = join(dir.path, 'k8s-partials'), out = join(dir.path, 'k8s-out');
    for (const i of ['2', '0', '1']) sh('deploy/k8s/shard.sh', { SCENARIO: SMOKE, PATHS: '6000', SEED: '32', PARTIALS: partials, SHARDS: '3', JOB_COMPLETION_INDEX: i });
    const r = cli(['merge', ...['1', '2', '3'].map((k) => join(partials, `shard-${k}.partial`)), '--out', out, '--quiet', '--no-charts']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(local(6000, 32));
  });

  it('kubernetes manifests: an Indexed Job whose completions equal SHARDS, a merge reading the shards\' folder', () => {
    interface Manifest {
      kind: string;
      spec: { completionMode?: string; completions?: number; template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }>; command: string[] }> } } };
    }
    const docs = (f: string) => parseAllDocuments(readFileSync(join('deploy/k8s', f), 'utf8')).map((d) => d.toJS() as Manifest);
    const [shards] = docs('shards-job.yaml');
    const [merge] = docs('merge-job.yaml');
    expect(shards?.spec.completionMode).toBe('Indexed');
    const env = Object.fromEntries((shards?.spec.template.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]));
    expect(Number(env.SHARDS)).toBe(shards?.spec.completions);
    expect(merge?.spec.template.spec.containers[0]?.command.join(' ')).toContain(`merge ${env.PARTIALS}/shard-*.partial`);
    const kinds = docs('queue-workers.yaml').map((d) => d.kind);
    expect(kinds).toEqual(['Deployment', 'Service', 'Deployment']);
  });
});
