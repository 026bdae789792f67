import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeCacheFiles } from '../../src/code-cache.js';

const built = existsSync(codeCacheFiles('vega').data);
const distBundles = fileURLToPath(new URL('../../dist/charts/vega-bundles.js', import.meta.url));
const distCharts = fileURLToPath(new URL('../../dist/charts/index.js', import.meta.url));
const distSample = fileURLToPath(new URL('../../dist/charts/sample-summary.js', import.meta.url));

describe("Vega's code cache", () => {
  it('is made by the build and taken by a CLI process', () => {
    expect(built).toBe(true);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
      const m = await import(${JSON.stringify(distBundles)});
      const s = m.bundleScripts();
      process.stdout.write(JSON.stringify([s.vega.cached, s['vega-lite'].cached]));`], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true]);
  });

  it('draws the same SVGs as the bundles compiled afresh', () => {
    const draw = (cache: 'on' | 'off') => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `
      const { bundleScripts } = await import(${JSON.stringify(distBundles)});
      const { buildChartSpecs, renderSvg } = await import(${JSON.stringify(distCharts)});
      const { makeSummary } = await import(${JSON.stringify(distSample)});
      const svgs = [];
      for (const c of buildChartSpecs(makeSummary({ fiscal: true }))) svgs.push(await renderSvg(c.spec));
      process.stdout.write(JSON.stringify({ cached: bundleScripts().vega.cached, svgs }));`],
    { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, TRADE_SIM_CODE_CACHE: cache } })) as { cached: boolean; svgs: string[] };
    const cached = draw('on');
    const afresh = draw('off');
    expect([cached.cached, afresh.cached]).toEqual([true, false]);
    expect(cached.svgs.length).toBe(8);
    expect(cached.svgs).toEqual(afresh.svgs);
  });
});
