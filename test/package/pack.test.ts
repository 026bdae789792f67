/**
 * The published face: `npm pack`, the tarball unpacked into an empty project as `npm install`
 * would put it (node_modules/trade-sim), the README's TypeScript example type-checked there with
 * tsc against the package's own types and run with node. The package's runtime dependencies are
 * linked from this repository's node_modules (only those `npm ls --omit=dev` lists: a dependency
 * declared only for development would be missing there), so the test needs no network.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { TempDir } from '../helpers/scenario-files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = new TempDir();
afterAll(() => dir.remove());

function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Using trade-sim from TypeScript'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m?.[1]) throw new Error('no ts block under "## Using trade-sim from TypeScript" in README.md');
  return m[1];
}

/**
 * Folders of this repository's node_modules that the package needs at run time: its
 * dependencies and theirs, found as Node finds them (the nearest node_modules upwards); the
 * top-level ones, since a nested one comes with its parent. Optional ones that are absent (other
 * platforms' binaries) are skipped.
 */
function runtimeDependencies(): string[] {
  const top = join(ROOT, 'node_modules');
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (pkgDir: string, optional: boolean) => {
    const real = realpathSync(pkgDir);
    if (seen.has(real)) return;
    seen.add(real);
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = [...Object.keys(pkg.dependencies ?? {}).map((d) => [d, false] as const), ...Object.keys(pkg.optionalDependencies ?? {}).map((d) => [d, true] as const)];
    for (const [dep, opt] of deps) {
      let at = pkgDir;
      let hit: string | undefined;
      for (;;) {
        const candidate = join(at, 'node_modules', dep);
        if (existsSync(join(candidate, 'package.json'))) { hit = candidate; break; }
        const up = dirname(at);
        if (up === at || !at.startsWith(ROOT)) break;
        at = up;
      }
      if (!hit) {
        if (opt || optional) continue;
        throw new Error(`${dep}, a dependency of ${pkgDir}, is not installed`);
      }
      if (dirname(hit) === top || dirname(dirname(hit)) === top && basename(dirname(hit)).startsWith('@')) found.add(relative(top, hit));
      visit(hit, opt);
    }
  };
  visit(ROOT.replace(/[/\\]$/, ''), false);
  return [...found];
}

it('the packed package installs, type-checks and runs the README example', async () => {
  const pack = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir.path], { cwd: ROOT, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const files = pack[0]?.files.map((f) => f.path) ?? [];
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string; bin: Record<string, string> };
  for (const f of [manifest.main, manifest.types, ...Object.values(manifest.bin)]) expect(files, f).toContain(f);

  const project = join(dir.path, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir.path, basename(pack[0]?.filename ?? '')), '-C', dir.path]);
  renameSync(join(dir.path, 'package'), join(modules, 'trade-sim'));
  for (const dep of new Set([...runtimeDependencies(), 'typescript', join('@types', 'node')])) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules', dep)), join(modules, dep), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-trade-sim', private: true, type: 'module' }));
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUncheckedIndexedAccess: true, types: ['node'], outDir: 'out' },
    files: ['example.ts'],
  }));
  writeFileSync(join(project, 'example.ts'), readmeExample());

  const tsc = spawnSync(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: project, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr, 'tsc').toBe('');
  expect(tsc.status).toBe(0);
  const node = spawnSync(process.execPath, ['out/example.js'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  expect(node.stderr).toBe('');
  expect(node.status).toBe(0);

  // The example printed the numbers this checkout gives for the same scenario, paths and seed.
  const { summary } = await runPrepared(prepareScenario(join(ROOT, 'scenarios', 'baseline-pk.yaml')), { paths: 5000, seed: 1, workers: 0 });
  const y = summary.years.indexOf(summary.target.year);
  const lines = node.stdout.trim().split('\n');
  expect(lines[0]).toBe(`P(USD 1 billion in ${summary.yearLabels[y]}) = ${summary.target.probability[y]}`);
  expect(lines[1]).toMatch(/^roadmap: -?\d\S* more$/);
});
