/**
 * Why reopening the Afghan crossings sooner lowers trade years later (pk-afghan-crossings-reopen-soon
 * against baseline-pk: about -0.8M in FY2034-35, many paired standard errors below 0). It is the
 * logistic growth term of docs/model.md section 5, not the pairing of the random streams:
 *
 * - the drift of the log level is g (1 - V / P) with V the *observed* value, route factor included
 *   (section 5, and section 7: "its level x_f goes on moving, and the next step's logistic term
 *   sees V_f"). While the border is shut the flow is further below its potential, so its level
 *   grows faster; the path that reopens later comes back on a higher level, and the gap closes
 *   only at the logistic rate g V / P (a few % a year), while the level grows about 20% a year;
 * - with no potential nothing remembers the reopening date once both paths have reopened (and,
 *   with a route adjustment half-life, finished adjusting): the values are the same bits, which
 *   shows that the border's chain and every other stream draw the same numbers in both.
 *
 * The first part checks the mechanism on one flow against a transcription of section 5; the second
 * switches it off and on in the library scenarios themselves.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { BLOCK, ChunkSimulator } from '../../src/engine/kernel/index.js';
import { prepareScenario } from '../../src/project.js';
import { loadScenario, loadResolved, mergeOver } from '../../src/scenario/load.js';
import { compileScenario } from '../../src/scenario/compile.js';
import { annualPaths } from '../../src/engine/annual-paths.js';
import { TempDir } from '../helpers/scenario-files.js';

const dir = new TempDir();
afterAll(() => dir.remove());

const B = 30e6, G = 0.2, E = 5, TC = 0.01, DT = 1 / 12, T = 120;
const CASPIAN = 0.4 + TC * 30, ROAD = 0.2 + TC * 18;
/** The road's route factor against the reference (the Caspian route, the only corridor open at the start). */
const ROAD_FACTOR = ((1 + ROAD) / (1 + CASPIAN)) ** -E;

/** Step values of one flow (volatility 0: the same on every path) whose border reopens at `reopens`. */
function stepValues(reopens: number, potential: string): Float64Array {
  const plan = prepareScenario(dir.file(`r${reopens}${potential ? 'p' : ''}.yaml`, `
name: legacy
start: 2026-01
horizon: 10
target: { value: 1B, year: 2030 }
defaults: { elasticity: ${E}, timeCostPerDay: ${TC} }
flows:
  textiles: { PK>KZ: { base: ${B}, growth: ${G}, volatility: 0 ${potential} } }
borders:
  afghanistan: { initiallyClosed: true, reopens: ${reopens} }
corridors:
  caspian: { freightCost: 0.4, transitDays: 30 }
  road: { freightCost: 0.2, transitDays: 18, border: afghanistan }
`)).compiled.plan;
  const out = new Float64Array(T);
  new ChunkSimulator(plan).simulateChunk(1, 0, 2, (b) => {
    for (let k = 0; k < T; k++) out[k] = b.stepTotal[k * BLOCK] as number;
  });
  return out;
}

/** Section 5 transcribed: x += g (1 - V_prev / P) dt (s = 0), V = e^x times the route factor from the reopening step on. */
function reference(reopenStep: number, P: number): Float64Array {
  const out = new Float64Array(T);
  let x = Math.log(B), v = B;
  for (let k = 0; k < T; k++) {
    x += G * (1 - v / P) * DT;
    v = Math.exp(x) * (k >= reopenStep ? ROAD_FACTOR : 1);
    out[k] = v;
  }
  return out;
}

describe('a later reopening, with a potential, leaves a higher level (docs/model.md section 5)', () => {
  const P = 300e6;
  // 2026.25 is step 3 (March 2026 begins at 0.25 years: ceil(0.25 * 12)); 2028.0 is step 24
  const early = stepValues(2026.25, `, potential: ${P}`), late = stepValues(2028, `, potential: ${P}`);

  it('follows the logistic of section 5 on the observed value, route factor included', () => {
    const wantEarly = reference(3, P), wantLate = reference(24, P);
    for (let k = 0; k < T; k++) {
      expect(early[k]! / wantEarly[k]! - 1).toBeCloseTo(0, 10);
      expect(late[k]! / wantLate[k]! - 1).toBeCloseTo(0, 10);
    }
  });

  it('ends above the early reopening at every step once both are open, by a gap that closes slowly', () => {
    const gap = (k: number) => Math.log(late[k]! / early[k]!);
    for (let k = 24; k < T; k++) expect(gap(k)).toBeGreaterThan(0);
    // the 21 extra closed months add about g x 1.75 years x (V_early - V_late) / P = 0.075 to the
    // late path's log level; eight years on, the logistic has closed about 60% of it (0.030)
    expect(gap(24)).toBeGreaterThan(0.05);
    expect(gap(T - 1)).toBeGreaterThan(0.2 * gap(24));
    expect(gap(T - 1)).toBeLessThan(0.6 * gap(24));
  });

  it('without a potential, is the same bits as the early reopening once both are open', () => {
    const e = stepValues(2026.25, ''), l = stepValues(2028, '');
    for (let k = 0; k < 3; k++) expect(l[k]).toBe(e[k]);
    for (let k = 3; k < 24; k++) expect(l[k]!).toBeLessThan(e[k]!);
    for (let k = 24; k < T; k++) expect(l[k]).toBe(e[k]);
  });
});

describe('pk-afghan-crossings-reopen-soon against baseline-pk: the long-run difference is the potentials', () => {
  const SCEN = fileURLToPath(new URL('../../scenarios/', import.meta.url));
  const PATHS = 2048, SEED = 1;
  const NO_POTENTIAL = {
    flows: {
      textiles: { 'PK>KZ': { potential: null } },
      agriculture: { 'PK>KZ': { potential: null }, 'KZ>PK': { potential: null } },
      pharma: { 'PK>KZ': { potential: null } },
      other: { 'PK>KZ': { potential: null } },
    },
  };
  const NO_HALF_LIFE = { defaults: { routeAdjustmentHalfLife: null } };
  const base = loadScenario(`${SCEN}baseline-pk.yaml`).raw;
  const soon = loadScenario(`${SCEN}variants/pk-afghan-crossings-reopen-soon.yaml`).raw;

  /** Both scenarios' annual totals with the same changes made to each: [baseline, variant]. */
  function totals(...changes: Array<Record<string, unknown>>) {
    return [base, soon].map((raw) => {
      const edited = changes.reduce((r, c) => mergeOver(r, c), raw);
      const plan = compileScenario(loadResolved(edited, 'edited.yaml')).plan;
      return annualPaths(plan, { paths: PATHS, seed: SEED });
    }) as [ReturnType<typeof annualPaths>, ReturnType<typeof annualPaths>];
  }
  function meanDifference(a: ReturnType<typeof annualPaths>, b: ReturnType<typeof annualPaths>, y: number) {
    const Y = a.years.length;
    let m = 0, m2 = 0;
    for (let p = 0; p < PATHS; p++) { const d = b.values[p * Y + y]! - a.values[p * Y + y]!; m += d; m2 += d * d; }
    m /= PATHS;
    return { mean: m, se: Math.sqrt((m2 / PATHS - m * m) / PATHS) };
  }

  it('without potentials or route half-lives, every path is the same bits in both from FY2030-31 on: the streams are paired', () => {
    const [a, b] = totals(NO_POTENTIAL, NO_HALF_LIFE);
    const Y = a.years.length, from = a.years.indexOf('FY2030-31');
    expect(from).toBeGreaterThan(0);
    let differing = 0;
    for (let p = 0; p < PATHS; p++) for (let y = from; y < Y; y++) if (a.values[p * Y + y] !== b.values[p * Y + y]) differing++;
    expect(differing).toBe(0);
  });

  it('with the potentials, and no half-life, the early reopening is below the baseline in FY2034-35 by many standard errors', () => {
    const [a, b] = totals(NO_HALF_LIFE);
    const d = meanDifference(a, b, a.years.indexOf('FY2034-35'));
    expect(d.mean).toBeLessThan(-10 * d.se);
  });

  it('without the potentials (half-lives kept), the long-run difference is not negative: the adjustment tail favours the early reopening', () => {
    const [a, b] = totals(NO_POTENTIAL);
    const d = meanDifference(a, b, a.years.indexOf('FY2034-35'));
    expect(d.mean).toBeGreaterThan(-2 * d.se);
  });
});
