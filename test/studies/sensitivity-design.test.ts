/**
 * The pieces of a sensitivity study: re-keyed streams change only the re-keyed component's draws
 * (and without a salt nothing changes), cutting the horizon at the year asked about leaves the
 * paths up to then as they were, and inputs are named and grouped as documented.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../src/project.js';
import { streamFor } from '../../src/engine/streams.js';
import { nextUniform } from '../../src/engine/rng.js';
import { drive } from '../../src/engine/driver.js';
import { means } from '../../src/engine/kinds/means.js';
import { runPrepared } from '../../src/studies/run/run.js';
import { compileUpTo } from '../../src/studies/variant.js';
import { groupConflict, inputsOf, unmatchedPatterns } from '../../src/studies/sensitivity/inputs.js';
import { fixParameter, sobolPlans, tornadoSettings } from '../../src/studies/sensitivity/design.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const PK = 'scenarios/baseline-pk.yaml';

describe('re-keyed streams', () => {
  it('no salt is the stream as before; a salt is another stream', () => {
    const a = streamFor(3, 7, 'shocks:textiles PK>KZ'), b = streamFor(3, 7, 'shocks:textiles PK>KZ', undefined);
    const c = streamFor(3, 7, 'shocks:textiles PK>KZ', 'x');
    const draw = (s: typeof a) => Array.from({ length: 4 }, () => nextUniform(s));
    const da = draw(a);
    expect(draw(b)).toEqual(da);
    expect(draw(c)).not.toEqual(da);
  });

  it('a plan re-keying a component its scenario does not use gives the same bits; re-keying the shocks does not', async () => {
    const plan = prepareScenario(PK).compiled.plan;
    const run = async (salt?: Record<string, string>) => (await drive(means, [salt ? { ...plan, streamSalt: salt } : plan], { paths: 1024, seed: 4, workers: 0 })).totals.means;
    const base = await run();
    expect(await run({ 'agreement:no-such': 'x' })).toEqual(base);
    expect(await run({ 'shocks:textiles PK>KZ': 'x' })).not.toEqual(base);
  });

  it('the re-keyed plans have the compiled plan\'s properties, in its order (one hidden class for the kernel, plan.ts)', () => {
    const plan = prepareScenario(PK).compiled.plan;
    expect(plan.streamSalt).toBeNull();
    const plans = sobolPlans(plan, inputsOf(plan, []).slice(0, 2));
    expect(plans.length).toBeGreaterThanOrEqual(3);
    for (const p of plans) expect(Object.keys(p)).toEqual(Object.keys(plan));
    expect(plans.slice(1).every((p) => p.streamSalt !== null && Object.keys(p.streamSalt).length > 0)).toBe(true);
  });
});

describe('the horizon cut at the year asked about', () => {
  it('leaves the first block of paths as they were, and P(reached by) within its Monte Carlo error', async () => {
    const prep = prepareScenario(PK);
    for (const paths of [256, 8192]) {
      const full = await runPrepared(prep, { paths, seed: 8, workers: 0 });
      for (const by of [2028, 2030]) {
        const cut = compileUpTo(prep.loaded, prep.compiled.plan, by).plan;
        expect(cut.steps).toBeLessThan(prep.compiled.plan.steps);
        const p = ((await drive(means, [cut], { paths, seed: 8, workers: 0 })).totals.means[0] as number) / paths;
        const y = full.summary.years.indexOf(by);
        const pf = full.summary.target.reachedBy[y] as number;
        // One block (256 paths) draws every stream from its start: the same paths. Later blocks
        // continue streams that the shorter horizon consumed less of: other, equally likely, paths.
        if (paths === 256) expect(p).toBe(pf);
        else expect(Math.abs(p - pf)).toBeLessThan(4 * Math.sqrt((2 * pf * (1 - pf)) / paths));
      }
    }
  });
});

describe('inputs', () => {
  const plan = prepareScenario(PK).compiled.plan;

  it('name parameters by their field path, agreements, regimes and market noise as documented', () => {
    const inputs = inputsOf(plan);
    const byName = new Map(inputs.map((i) => [i.name, i]));
    expect(byName.get('shocks')?.components.length).toBe(plan.flowIds.length);
    expect(byName.get('agreements.transit-trade')?.components).toEqual(['agreement:transit-trade', 'param:agreements.transit-trade.delay']);
    // the Afghan road and both railways share one border chain (baseline-pk, since issue 11)
    expect(byName.get('borders.afghanistan.regime')?.components).toEqual(['border:afghanistan:regime']);
    expect(byName.get('corridors.karakoram.costPerContainer')?.kind).toBe('parameter');
    expect(byName.get('byDirection.PK>KZ.growth')?.kind).toBe('parameter');
    // Every component belongs to exactly one input.
    const all = inputs.flatMap((i) => i.components);
    expect(new Set(all).size).toBe(all.length);
  });

  it('group inputs by pattern, and report patterns that match nothing', () => {
    const groups = [{ name: 'afghan', patterns: ['corridors.afghan-road.*', 'borders.afghanistan.*', 'agreements.transit-trade'] }];
    const inputs = inputsOf(plan, groups);
    const afghan = inputs.find((i) => i.name === 'afghan');
    expect(afghan?.kind).toBe('group');
    expect(afghan?.components).toContain('border:afghanistan:regime');
    expect(afghan?.components).toContain('param:corridors.afghan-road.costPerContainer');
    expect(afghan?.components).toContain('agreement:transit-trade');
    expect(inputs.some((i) => i.name.startsWith('corridors.afghan-road') || i.name.startsWith('borders.afghanistan'))).toBe(false);
    expect(unmatchedPatterns(plan, [{ name: 'x', patterns: ['nothing.*', 'shocks'] }])).toEqual(['nothing.*']);
  });

  it('report groups that would not each be one input: two of one name, an input in two, a name taken by another input', () => {
    expect(groupConflict(plan, [{ name: 'afghan', patterns: ['corridors.afghan-road.*'] }, { name: 'noise', patterns: ['shocks', 'jumps'] }])).toBeUndefined();
    expect(groupConflict(plan, [{ name: 'shocks', patterns: ['shocks', 'jumps'] }])).toBeUndefined();
    expect(groupConflict(plan, [{ name: 'x', patterns: ['shocks'] }, { name: 'x', patterns: ['jumps'] }, { name: 'x', patterns: ['agreements.*'] }]))
      .toBe('expected each group named once, found "x" 3 times (one group takes several patterns: x=shocks,jumps,agreements.*)');
    expect(groupConflict(plan, [{ name: 'a', patterns: ['borders.*'] }, { name: 'b', patterns: ['*.regime'] }]))
      .toBe('expected each input in one group at most, found borders.afghanistan.regime in "a" and "b"');
    const all = groupConflict(plan, [{ name: 'a', patterns: ['*'] }, { name: 'b', patterns: ['*'] }]);
    expect(all).toMatch(/^expected each input in one group at most, found [^;]+ in "a" and "b"; [^;]+ in "a" and "b"; [^;]+ in "a" and "b"; and \d+ more$/);
    expect(groupConflict(plan, [{ name: 'jumps', patterns: ['shocks'] }]))
      .toBe('expected group names that are not names of inputs outside them, found "jumps", the name of an input it does not hold');
  });

  it('tornado settings: a parameter at its 10th and 90th percentile, shared draws replaced everywhere', () => {
    const settings = tornadoSettings(plan, inputsOf(plan));
    const g = settings.find((s) => s.input === 'byDirection.PK>KZ.growth');
    expect(g?.low).toMatch(/^10th percentile, 0\.1\d*/);
    const fixed = fixParameter(plan, 'param:byDirection.PK>KZ.growth', 0.3);
    plan.flowIds.forEach((id, f) => {
      const before = plan.flows[f]!.growth, after = fixed.flows[f]!.growth;
      if (before.kind === 'dist' && before.component === 'param:byDirection.PK>KZ.growth') expect(after).toEqual({ kind: 'fixed', value: 0.3 });
      else expect(after).toEqual(before);
    });
    expect(settings.find((s) => s.input === 'agreements.transit-trade')?.plans.map((p) => p.agreements.find((a) => a.name === 'transit-trade')?.probability)).toEqual([0, 1]);
  });
});
