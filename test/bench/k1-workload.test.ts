/**
 * bench/k1.yaml states the K1 workload of bench/peers/k1.json, the file the peers read: every
 * figure of one must be the figure of the other, or the engine and the peers run two workloads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParamDraw } from '../../src/scenario/plan.js';
import { prepareScenario } from '../../src/project.js';

interface K1 {
  flows: string[];
  base: number[]; growth: number[]; volatility: number[]; potential: number[]; elasticity: number[]; timeCostPerDay: number[];
  correlation: { sameSector: number; otherwise: number };
  corridors: Record<string, { freightCost: number; transitDays: number; closuresPerYear?: number; meanClosureDays?: number; initiallyClosed?: boolean }>;
  stepsPerYear: number; years: number; target: number;
}
const K1 = JSON.parse(readFileSync(new URL('../../bench/peers/k1.json', import.meta.url), 'utf8')) as K1;

const fixed = (d: ParamDraw | null): number => {
  if (d?.kind !== 'fixed') throw new Error(`expected a fixed number, found ${JSON.stringify(d)}`);
  return d.value;
};

describe('bench/k1.yaml is bench/peers/k1.json', () => {
  const { plan } = prepareScenario('bench/k1.yaml').compiled;

  it('the same flows, with the same parameters', () => {
    expect(plan.flowIds).toEqual(K1.flows);
    const keys = ['base', 'growth', 'volatility', 'potential', 'elasticity', 'timeCostPerDay'] as const;
    for (const key of keys) expect(plan.flows.map((f) => fixed(f[key])), key).toEqual(K1[key]);
    expect(plan.tariff.every((t) => t === 0) && plan.ntm.every((t) => t === 0)).toBe(true);
    expect(plan.agreements).toEqual([]);
  });

  it('the same correlation matrix', () => {
    const F = K1.flows.length;
    const L = plan.cholesky!;
    const sector = (f: number) => (K1.flows[f] as string).split(' ')[0];
    for (let i = 0; i < F; i++) {
      for (let j = 0; j < F; j++) {
        let r = 0;
        for (let k = 0; k < F; k++) r += (L[i * F + k] as number) * (L[j * F + k] as number);
        const want = i === j ? 1 : sector(i) === sector(j) ? K1.correlation.sameSector : K1.correlation.otherwise;
        expect(r).toBeCloseTo(want, 12);
      }
    }
  });

  it('the same corridors, time and target', () => {
    expect(plan.corridors.map((c) => c.name)).toEqual(Object.keys(K1.corridors));
    for (const c of plan.corridors) {
      const k = K1.corridors[c.name]!;
      expect([fixed(c.freightCost), fixed(c.transitDays)], c.name).toEqual([k.freightCost, k.transitDays]);
      expect(c.opens).toBeNull();
      expect(c.reopens).toBeNull();
      expect(c.seasonalClosed.every((s) => s === 0)).toBe(true);
      if (k.closuresPerYear === undefined) expect(c.regime).toBeNull();
      else {
        expect([fixed(c.regime!.closuresPerYear), fixed(c.regime!.meanClosureDays), c.regime!.initiallyClosed])
          .toEqual([k.closuresPerYear, k.meanClosureDays, k.initiallyClosed ?? false]);
      }
    }
    expect([plan.stepsPerYear, plan.steps]).toEqual([K1.stepsPerYear, K1.stepsPerYear * K1.years]);
    expect(plan.target.value).toBe(K1.target);
  });
});
