/**
 * The peers of bench/peers (README.md there): C (compiled here with -O3 -march=native), numpy and
 * plain JavaScript, each run as its own process on the same paths. Each prints one JSON line; its `flow_steps_per_s` counts the simulation only (no start-up, no
 * aggregation beyond the final step's statistics).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PeerOutput {
  peer: string;
  paths: number;
  seconds: number;
  flow_steps_per_s: number;
  mean_final: number;
  median_final: number;
  p_final_ge_target: number;
}

export interface Peer {
  name: 'c' | 'numpy' | 'js';
  label: string;
  command: string;
  args: (paths: number, seed: number) => string[];
}

/** The peers that can run here; `skipped` says why the others cannot. */
export function preparePeers(peersDir: string, tmp: string): { peers: Peer[]; skipped: Record<string, string> } {
  const peers: Peer[] = [];
  const skipped: Record<string, string> = {};
  if (!existsSync(join(peersDir, 'k1.json'))) {
    return { peers, skipped: { c: `no ${peersDir}/k1.json`, numpy: `no ${peersDir}/k1.json`, js: `no ${peersDir}/k1.json` } };
  }
  const exe = join(tmp, 'k1');
  const k1Json = `-DK1_JSON=${JSON.stringify(resolve(peersDir, 'k1.json'))}`;
  const cc = spawnSync('cc', ['-O3', '-march=native', k1Json, '-o', exe, join(peersDir, 'k1.c'), '-lm'], { encoding: 'utf8' });
  if (cc.status === 0) peers.push({ name: 'c', label: 'C -O3 -march=native', command: exe, args: (n, s) => [String(n), String(s)] });
  else skipped.c = `cc failed: ${(cc.stderr || String(cc.error ?? '')).trim().split('\n')[0]}`;
  const py = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (py.status === 0) peers.push({ name: 'numpy', label: `numpy ${py.stdout.trim()}`, command: 'python3', args: (n, s) => [join(peersDir, 'k1_numpy.py'), String(n), String(s)] });
  else skipped.numpy = 'python3 with numpy not found';
  peers.push({ name: 'js', label: 'plain JS (k1.mjs)', command: process.execPath, args: (n, s) => [join(peersDir, 'k1.mjs'), String(n), String(s)] });
  return { peers, skipped };
}

export function runPeer(peer: Peer, paths: number, seed: number): PeerOutput {
  const r = spawnSync(peer.command, peer.args(paths, seed), { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`peer ${peer.name} failed (${r.status}): ${r.stderr.trim()}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(line) as PeerOutput;
  if (out.paths !== paths) throw new Error(`peer ${peer.name} ran ${out.paths} paths, not ${paths}`);
  return out;
}
