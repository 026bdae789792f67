/** Scenario files written to a temporary folder for a test, removed with it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'trade-sim-test-'));

  file(name: string, text: string): string {
    const p = join(this.path, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the built CLI, its environment this process's with `env` over it; returns exit code and output. */
export function cli(args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
