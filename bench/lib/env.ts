/** Where a benchmark ran: date, commit, Node, CPU. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

export interface Environment {
  date: string;
  /** Short hash of HEAD; `dirty` when src/, bench/ or package.json differ from it (the run measures uncommitted code). */
  commit: string;
  dirty: boolean;
  node: string;
  v8: string;
  platform: string;
  cpu: string;
  cores: number;
}

function git(repo: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function environment(repo: string): Environment {
  const status = git(repo, ['status', '--porcelain', '--', 'src', 'bench', 'package.json']) ?? '';
  // The suite's own outputs do not make a tree dirty.
  const changed = status.split('\n').filter((l) => l.trim() !== '' && !/bench\/(history\.jsonl|throughput\.(vl\.json|svg)|results\/)/.test(l));
  return {
    date: new Date().toISOString(),
    commit: git(repo, ['rev-parse', '--short', 'HEAD']) ?? 'unknown',
    dirty: changed.length > 0,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
  };
}
