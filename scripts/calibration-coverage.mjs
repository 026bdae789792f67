// Coverage of calibrate's 90% intervals, profile-likelihood and Wald on the same histories, on
// histories the engine generates from known parameters (mu 0.05, sigmaP 0.2, sigmaT 0.3, phi 0.3;
// as test/calibrate/engine-histories.ts makes them: one flow, one step a year, after a burn-in of
// 10 years). Needs a build (npm run build).
//   node scripts/calibration-coverage.mjs YEARS PER_PANEL REPS SEED
// REPS fits, each of a panel of PER_PANEL paths of YEARS whole years (PER_PANEL 1: single
// histories), the paths of the run of REPS x PER_PANEL paths with SEED. Prints one JSON line per
// kind of interval: how many intervals covered the truth, how many reached a bound, how many fits
// the data flagged (identifiedByData false), how many volatility intervals ran past 3, the median
// width, the mean of each estimate, and CPU milliseconds per fit.
//   node scripts/calibration-coverage.mjs YEARS PER_PANEL REPS SEED --steps-per-year 12
// simulates the same annual parameters with monthly steps, so that each history is of annual
// means of twelve monthly values (docs/model.md section 12, "Time aggregation"), and also prints
// (as always) the mean of each estimate over the fits.
//   node scripts/calibration-coverage.mjs YEARS 1 REPS SEED --brute-force
// instead checks the profile intervals against a brute-force profile at the true values (27 cold
// starts for the inner maximisation, 27 more for the maximum): in how many fits the statistic there
// is at most the cut-off, and in how many that agrees with the interval's covering the truth.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(import.meta.dirname, '../dist');
const { annualValues, compile, loadScenario } = await import(pathToFileURL(join(dist, 'index.js')).href);
const { calibrate } = await import(pathToFileURL(join(dist, 'calibrate/fit.js')).href);
const { kalmanFilter } = await import(pathToFileURL(join(dist, 'calibrate/kalman.js')).href);
const { nelderMead } = await import(pathToFileURL(join(dist, 'calibrate/optimize.js')).href);

const [years, per, reps, seed] = process.argv.slice(2, 6).map(Number);
const bruteForce = process.argv[6] === '--brute-force';
const stepsPerYear = process.argv[6] === '--steps-per-year' ? Number(process.argv[7]) : 1;
if (![years, per, reps, seed].every(Number.isInteger) || (bruteForce && per !== 1) || ![1, 4, 12].includes(stepsPerYear)) {
  console.error('usage: node scripts/calibration-coverage.mjs YEARS PER_PANEL REPS SEED [--brute-force, with PER_PANEL 1 | --steps-per-year 1|4|12]');
  process.exit(2);
}
const TRUE = { mu: 0.05, sigmaP: 0.2, sigmaT: 0.3, phi: 0.3 };
const truth = { ...TRUE, growth: TRUE.mu + TRUE.sigmaP ** 2 / 2 };
const BURN_IN = 10;
const dir = mkdtempSync(join(tmpdir(), 'calibration-coverage-'));
const file = join(dir, 'truth.yaml');
writeFileSync(file, `name: calibration-truth
start: 2000-01
horizon: ${years + BURN_IN}
stepsPerYear: ${stepsPerYear}
target: { value: 1B, year: 2001 }
flows:
  textiles:
    PK>KZ: { base: 100M, growth: ${truth.growth}, volatility: ${TRUE.sigmaP}, transitoryVolatility: ${TRUE.sigmaT}, persistence: ${TRUE.phi} }
`);
const paths = reps * per;
let run;
try {
  run = annualValues(compile(loadScenario(file)), { paths, seed, series: 'PK>KZ' });
} finally {
  rmSync(dir, { recursive: true });
}
const Y = run.years.length;
const labels = run.years.map(Number).slice(BURN_IN);
const histories = Array.from({ length: paths }, (_, p) => ({ years: labels, y: Array.from(run.values.subarray(p * Y + BURN_IN, (p + 1) * Y), Math.log) }));
const inputs = per === 1 ? histories : Array.from({ length: reps }, (_, i) => histories.slice(i * per, (i + 1) * per));
const keys = ['mu', 'growth', 'sigmaP', 'sigmaT', 'phi'];
if (bruteForce) {
  checkAgainstBruteForce();
  process.exit(0);
}
const perKey = () => Object.fromEntries(keys.map((k) => [k, 0]));
for (const intervals of ['profile', 'wald']) {
  const covered = perKey();
  const atBound = perKey();
  const widths = Object.fromEntries(keys.map((k) => [k, []]));
  const pastThree = { sigmaP: 0, sigmaT: 0 };
  let notIdentified = 0;
  const sums = perKey();
  const t0 = process.cpuUsage();
  for (const h of inputs) {
    const fit = calibrate(h, 0.9, intervals);
    for (const k of keys) {
      const e = k === 'growth' ? fit.growth : fit.estimates[k];
      if (e.lower <= truth[k] && truth[k] <= e.upper) covered[k] += 1;
      if (e.lowerAtBound || e.upperAtBound) atBound[k] += 1;
      if (k in pastThree && e.upper > 3) pastThree[k] += 1;
      widths[k].push(e.upper - e.lower);
      sums[k] += e.value;
    }
    if (!fit.identifiedByData) notIdentified += 1;
  }
  const cpu = process.cpuUsage(t0);
  const median = (a) => Number(a.sort((x, y) => x - y)[a.length >> 1].toPrecision(3));
  console.log(JSON.stringify({
    years, perPanel: per, fits: inputs.length, seed, stepsPerYear, intervals, covered, atBound, notIdentified, upperPast3: pastThree,
    medianWidth: Object.fromEntries(keys.map((k) => [k, median(widths[k])])), cpuMsPerFit: Math.round((cpu.user + cpu.system) / 1000 / inputs.length),
    meanEstimate: Object.fromEntries(keys.map((k) => [k, Number((sums[k] / inputs.length).toPrecision(4))])),
  }));
}

function checkAgainstBruteForce() {
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
  const sigma = (t) => Math.exp(clamp(t, Math.log(1e-4), Math.log(3)));
  const rho = (t) => Math.tanh(clamp(t, 0, Math.atanh(0.98)));
  // Each parameter fixed at its true value, the other three free.
  const fixed = {
    mu: (x) => ({ mu: TRUE.mu, sigmaP: sigma(x[0]), sigmaT: sigma(x[1]), phi: rho(x[2]) }),
    sigmaP: (x) => ({ mu: x[0], sigmaP: TRUE.sigmaP, sigmaT: sigma(x[1]), phi: rho(x[2]) }),
    sigmaT: (x) => ({ mu: x[0], sigmaP: sigma(x[1]), sigmaT: TRUE.sigmaT, phi: rho(x[2]) }),
    phi: (x) => ({ mu: x[0], sigmaP: sigma(x[1]), sigmaT: sigma(x[2]), phi: TRUE.phi }),
  };
  const grid = [];
  for (const a of [-4, -2, -1]) for (const b of [-3, -1.5, -0.5]) for (const c of [0, 0.6, 1.8]) grid.push([a, b, c]);
  const starts = { mu: grid, sigmaP: grid.map(([, b, c]) => [0.05, b, c]), sigmaT: grid.map(([a, , c]) => [0.05, a, c]), phi: grid.map(([a, b]) => [0.05, a, b]) };
  const min = (f, x0s) => Math.min(...x0s.map((x0) => nelderMead(f, nelderMead(f, x0, { step: 0.5 }).x, { step: 0.05 }).value));
  const cut = 2.705543454095404;
  const inside = { mu: 0, sigmaP: 0, sigmaT: 0, phi: 0 };
  const agree = { mu: 0, sigmaP: 0, sigmaT: 0, phi: 0 };
  for (const h of inputs) {
    const fit = calibrate(h, 0.9, 'profile');
    const full = (x) => -kalmanFilter(h, { mu: x[0], sigmaP: sigma(x[1]), sigmaT: sigma(x[2]), phi: rho(x[3]) }).logLik;
    const fullStarts = [];
    for (const a of [-5, -2, -1]) for (const c of [-3, -1, 0]) for (const b of [0, 0.5, 1.5]) fullStarts.push([0.05, a, c, b]);
    const maxLL = Math.max(fit.logLik, -min(full, fullStarts));
    for (const k of Object.keys(fixed)) {
      const ok = 2 * (maxLL + min((x) => -kalmanFilter(h, fixed[k](x)).logLik, starts[k])) <= cut;
      if (ok) inside[k] += 1;
      const e = fit.estimates[k];
      if (ok === (e.lower <= TRUE[k] && TRUE[k] <= e.upper)) agree[k] += 1;
    }
  }
  console.log(JSON.stringify({ years, fits: inputs.length, seed, bruteForceInside: inside, agreeWithProfileInterval: agree }));
}
