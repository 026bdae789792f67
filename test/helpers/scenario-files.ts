/** Scenario files written to a temporary folder for a test, removed with it. */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
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

  private workspaces = 0;

  /** A fresh working folder in this one, holding the smoke scenario at `at` (relative to it). */
  smokeWorkspace(at = 'smoke.yaml'): string {
    const root = join(this.path, `ws${++this.workspaces}`);
    mkdirSync(dirname(join(root, at)), { recursive: true });
    writeFileSync(join(root, at), SMOKE);
    return root;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** test/fixtures/scenarios/smoke.yaml: the small scenario the CLI's file-safety tests run. */
export const SMOKE = readFileSync(new URL('../fixtures/scenarios/smoke.yaml', import.meta.url), 'utf8');

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the built CLI, its environment this process's with `env` over it; returns exit code and output. */
export function cli(args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every entry under `dir`: file contents, link targets, folders; a change anywhere shows. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, path);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[path] = `link -> ${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[path] = 'dir';
        walk(path);
      } else out[path] = readFileSync(full).toString('base64');
    }
  };
  walk('');
  return out;
}
