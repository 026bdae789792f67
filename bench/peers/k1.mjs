// K1 in plain JavaScript, one thread, one path at a time: what a careful programmer writes
// without the engine's machinery (no blocks of paths, no WebAssembly, no fast exp).
// Parameters from k1.json beside this file.
//
//   node bench/peers/k1.mjs PATHS [SEED]   -> one JSON line on stdout
//
// Random numbers: SFC32 (Doty-Humphrey); normals: a 128-layer ziggurat (Doornik 2005) that takes
// the layer from the low 7 bits of a 32-bit draw and the position from the other 25.
import { readFileSync } from 'node:fs';

const paths = Number(process.argv[2]);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(paths) || paths < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: node k1.mjs PATHS [SEED]');
  process.exit(2);
}
const k1 = JSON.parse(readFileSync(new URL('./k1.json', import.meta.url), 'utf8'));

const F = k1.flows.length;
const T = k1.stepsPerYear * k1.years;
const dt = 1 / k1.stepsPerYear;
const sector = k1.flows.map((name) => name.split(' ')[0]);

// Cholesky factor of the correlation matrix, row-major lower triangle
const chol = new Float64Array(F * F);
for (let i = 0; i < F; i++) {
  for (let j = 0; j <= i; j++) {
    let sum = i === j ? 1 : sector[i] === sector[j] ? k1.correlation.sameSector : k1.correlation.otherwise;
    for (let k = 0; k < j; k++) sum -= chol[i * F + k] * chol[j * F + k];
    chol[i * F + j] = i === j ? Math.sqrt(sum) : sum / chol[j * F + j];
  }
}

const road = k1.corridors['afghan-road'];
const north = k1.corridors.northern;
const logBase = new Float64Array(F), gdt = new Float64Array(F), drift = new Float64Array(F);
const diffusion = new Float64Array(F), invPotential = new Float64Array(F), roadShut = new Float64Array(F);
for (let f = 0; f < F; f++) {
  const viaRoad = road.freightCost + k1.timeCostPerDay[f] * road.transitDays;
  const viaNorth = north.freightCost + k1.timeCostPerDay[f] * north.transitDays;
  // the reference cost has both corridors open, so an open road leaves the value as it is
  roadShut[f] = ((1 + viaNorth) / (1 + Math.min(viaRoad, viaNorth))) ** -k1.elasticity[f];
  logBase[f] = Math.log(k1.base[f]);
  gdt[f] = k1.growth[f] * dt;
  drift[f] = -0.5 * k1.volatility[f] ** 2 * dt;
  diffusion[f] = k1.volatility[f] * Math.sqrt(dt);
  invPotential[f] = 1 / k1.potential[f];
}
const pClose = 1 - Math.exp(-road.closuresPerYear * dt);
const pReopen = 1 - Math.exp((-dt * 365) / road.meanClosureDays);

// Ziggurat: layer i spans [0, X[i]] across and f(X[i]) .. f(X[i+1]) up; X[0] is the width of a
// rectangle of the common area that stands for the base layer with its tail.
const R = 3.442619855899, V = 9.91256303526217e-3;
const X = new Float64Array(129), RATIO = new Float64Array(128);
X[0] = V / Math.exp(-0.5 * R * R);
X[1] = R;
for (let i = 1; i < 127; i++) X[i + 1] = Math.sqrt(-2 * Math.log(Math.exp(-0.5 * X[i] * X[i]) + V / X[i]));
for (let i = 0; i < 128; i++) RATIO[i] = X[i + 1] / X[i];

const state = new Int32Array(4); // SFC32: a, b, c, counter

/** Fills `normals` with standard normals and `uniforms` with uniforms in (0, 1). */
function draw(normals, uniforms) {
  let a = state[0], b = state[1], c = state[2], d = state[3];
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  const uniform = () => (next() + 0.5) * 2.3283064365386963e-10;
  for (let n = 0; n < uniforms.length; n++) uniforms[n] = uniform();
  for (let n = 0; n < normals.length; n++) {
    let r = next(), i = r & 127, u = (r >>> 7) * 5.960464477539063e-8 - 1;
    if (Math.abs(u) < RATIO[i]) { normals[n] = u * X[i]; continue; }
    for (;;) {
      if (i === 0) { // the tail beyond R (Marsaglia 1964)
        let x, y;
        do { x = -Math.log(uniform()) / R; y = -Math.log(uniform()); } while (y + y < x * x);
        normals[n] = u < 0 ? -(R + x) : R + x;
        break;
      }
      const x = u * X[i];
      const lo = Math.exp(-0.5 * (X[i] * X[i] - x * x)), hi = Math.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
      if (lo + uniform() * (hi - lo) < 1) { normals[n] = x; break; }
      r = next(); i = r & 127; u = (r >>> 7) * 5.960464477539063e-8 - 1;
      if (Math.abs(u) < RATIO[i]) { normals[n] = u * X[i]; break; }
    }
  }
  state[0] = a; state[1] = b; state[2] = c; state[3] = d;
}

state[1] = seed % 2 ** 32; state[2] = Math.floor(seed / 2 ** 32); state[3] = 1;
draw(new Float64Array(0), new Float64Array(20)); // let the seed's few bits spread

const normals = new Float64Array(T * F), uniforms = new Float64Array(T);
const x = new Float64Array(F), v = new Float64Array(F), c = new Float64Array(F);
const finals = new Float64Array(paths);
const start = performance.now();
for (let p = 0; p < paths; p++) {
  draw(normals, uniforms);
  for (let f = 0; f < F; f++) { x[f] = logBase[f]; v[f] = k1.base[f]; }
  let shut = false;
  for (let t = 0; t < T; t++) {
    shut = shut ? uniforms[t] >= pReopen : uniforms[t] < pClose;
    const z = t * F;
    for (let f = 0; f < F; f++) {
      let sum = 0;
      for (let k = 0; k <= f; k++) sum += chol[f * F + k] * normals[z + k];
      c[f] = sum;
    }
    for (let f = 0; f < F; f++) {
      x[f] += gdt[f] * (1 - v[f] * invPotential[f]) + drift[f] + diffusion[f] * c[f];
      v[f] = shut ? Math.exp(x[f]) * roadShut[f] : Math.exp(x[f]);
    }
  }
  let total = 0;
  for (let f = 0; f < F; f++) total += v[f];
  finals[p] = total;
}
const seconds = (performance.now() - start) / 1000;

let sum = 0, reached = 0;
for (let p = 0; p < paths; p++) { sum += finals[p]; if (finals[p] >= k1.target) reached++; }
finals.sort();
const median = paths % 2 ? finals[(paths - 1) / 2] : 0.5 * (finals[paths / 2 - 1] + finals[paths / 2]);
console.log(JSON.stringify({
  peer: 'js', paths, seconds, flow_steps_per_s: (paths * T * F) / seconds,
  mean_final: sum / paths, median_final: median, p_final_ge_target: reached / paths,
}));
