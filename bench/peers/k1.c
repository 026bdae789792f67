/*
 * K1 in C, one thread: how fast the workload can go on this machine without threads or SIMD
 * intrinsics. Reads its parameters from k1.json (the path is fixed at compile time with
 * -DK1_JSON='"..."', default bench/peers/k1.json relative to the working directory).
 *
 *   cc -O3 -march=native -DK1_JSON='"bench/peers/k1.json"' -o /tmp/k1 bench/peers/k1.c -lm
 *   /tmp/k1 PATHS [SEED]          -> one JSON line on stdout
 *
 * Random numbers: SFC64 (Doty-Humphrey's small fast chaotic generator, 256-bit state); normals:
 * a 128-layer ziggurat in Doornik's (2005) form, which takes the layer from the low 7 bits of a
 * 64-bit draw and the position from its top 53 bits, and is exact (the tail by Marsaglia 1964).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef K1_JSON
#define K1_JSON "bench/peers/k1.json"
#endif
#define MAXF 16

/* ---- k1.json: only the shapes it uses (numbers, arrays of numbers, strings, one nesting) ---- */
static char *json;

static const char *after_key(const char *from, const char *key) {
  char quoted[64];
  snprintf(quoted, sizeof quoted, "\"%s\"", key);
  const char *p = strstr(from, quoted);
  if (!p) { fprintf(stderr, "k1: no \"%s\" in %s\n", key, K1_JSON); exit(2); }
  p = strchr(p + strlen(quoted), ':');
  return p + 1;
}
static double number(const char *from, const char *key) { return strtod(after_key(from, key), NULL); }
static int numbers(const char *key, double *out) {
  const char *p = strchr(after_key(json, key), '[') + 1;
  int n = 0;
  for (;;) {
    char *end;
    double v = strtod(p, &end);
    if (end == p) break;
    if (n == MAXF) { fprintf(stderr, "k1: more than %d entries in \"%s\"\n", MAXF, key); exit(2); }
    out[n++] = v;
    p = end + strspn(end, " \t\r\n,");
  }
  return n;
}
/* The flows' sectors: the first word of each name in "flows", as indices of distinct words. */
static int sectors(int *out) {
  char words[MAXF][32];
  const char *p = strchr(after_key(json, "flows"), '[');
  int n = 0;
  while ((p = strchr(p, '"')) && n < MAXF) {
    const char *q = strchr(p + 1, '"');
    size_t len = strcspn(p + 1, " \"");
    if (len > 31) len = 31;
    memcpy(words[n], p + 1, len);
    words[n][len] = 0;
    out[n] = n;
    for (int j = 0; j < n; j++) if (!strcmp(words[j], words[n])) { out[n] = out[j]; break; }
    n++;
    p = q + 1;
    p += strspn(p, " \t\r\n,");
    if (*p == ']') break;
  }
  return n;
}

/* ---- SFC64 ---- */
static uint64_t sa, sb, sc, sd;
static inline uint64_t next64(void) {
  uint64_t r = sa + sb + sd++;
  sa = sb ^ (sb >> 11);
  sb = sc + (sc << 3);
  sc = ((sc << 24) | (sc >> 40)) + r;
  return r;
}
static inline double uniform(void) { return ((next64() >> 11) + 0.5) * 0x1.0p-53; } /* in (0, 1) */

/* ---- ziggurat: layer i spans [0, zx[i]] across, f(zx[i]) .. f(zx[i+1]) up; zx[0] is the
   width of a rectangle of the common area V standing in for the base layer with its tail ---- */
#define ZR 3.442619855899
#define ZV 9.91256303526217e-3
static double zx[129], zratio[128];
static void ziggurat_init(void) {
  zx[0] = ZV / exp(-0.5 * ZR * ZR);
  zx[1] = ZR;
  for (int i = 1; i < 127; i++) zx[i + 1] = sqrt(-2 * log(exp(-0.5 * zx[i] * zx[i]) + ZV / zx[i]));
  zx[128] = 0;
  for (int i = 0; i < 128; i++) zratio[i] = zx[i + 1] / zx[i];
}
static double normal_slow(int i, double u) {
  for (;;) {
    if (i == 0) { /* the tail beyond ZR */
      double a, b;
      do { a = -log(uniform()) / ZR; b = -log(uniform()); } while (b + b < a * a);
      return u < 0 ? -(ZR + a) : ZR + a;
    }
    double x = u * zx[i];
    double lo = exp(-0.5 * (zx[i] * zx[i] - x * x)), hi = exp(-0.5 * (zx[i + 1] * zx[i + 1] - x * x));
    if (lo + uniform() * (hi - lo) < 1) return x;
    uint64_t r = next64();
    i = (int)(r & 127);
    u = (double)(r >> 11) * 0x1.0p-52 - 1;
    if (fabs(u) < zratio[i]) return u * zx[i];
  }
}
static inline double normal(void) {
  uint64_t r = next64();
  int i = (int)(r & 127);
  double u = (double)(r >> 11) * 0x1.0p-52 - 1; /* [-1, 1) */
  if (fabs(u) < zratio[i]) return u * zx[i];
  return normal_slow(i, u);
}

/* k-th smallest of a[0..n-1] (Hoare's selection; reorders a). */
static double select_kth(double *a, long n, long k) {
  long lo = 0, hi = n - 1;
  while (lo < hi) {
    double pivot = a[lo + (hi - lo) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { double t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else break;
  }
  return a[k];
}

static char *read_file(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) { fprintf(stderr, "k1: cannot open %s\n", path); exit(2); }
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  rewind(fp);
  char *s = malloc((size_t)n + 1);
  if (fread(s, 1, (size_t)n, fp) != (size_t)n) { fprintf(stderr, "k1: cannot read %s\n", path); exit(2); }
  s[n] = 0;
  fclose(fp);
  return s;
}

int main(int argc, char **argv) {
  if (argc < 2 || atol(argv[1]) < 1) { fprintf(stderr, "usage: k1 PATHS [SEED]\n"); return 2; }
  long paths = atol(argv[1]);
  uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;

  json = read_file(K1_JSON);
  double base[MAXF], growth[MAXF], vol[MAXF], potential[MAXF], elasticity[MAXF], timeCost[MAXF];
  int sector[MAXF];
  int F = numbers("base", base);
  if (numbers("growth", growth) != F || numbers("volatility", vol) != F || numbers("potential", potential) != F ||
      numbers("elasticity", elasticity) != F || numbers("timeCostPerDay", timeCost) != F || sectors(sector) != F) {
    fprintf(stderr, "k1: the per-flow arrays of %s differ in length\n", K1_JSON);
    return 2;
  }
  const char *corr = after_key(json, "correlation");
  double rhoSector = number(corr, "sameSector"), rhoOther = number(corr, "otherwise");
  const char *road = after_key(json, "afghan-road"), *north = after_key(json, "northern");
  double roadFreight = number(road, "freightCost"), roadDays = number(road, "transitDays");
  double closuresPerYear = number(road, "closuresPerYear"), meanClosureDays = number(road, "meanClosureDays");
  double northFreight = number(north, "freightCost"), northDays = number(north, "transitDays");
  int stepsPerYear = (int)number(json, "stepsPerYear"), steps = stepsPerYear * (int)number(json, "years");
  double target = number(json, "target"), dt = 1.0 / stepsPerYear;

  /* Cholesky factor of the correlation matrix, lower triangle by rows */
  double chol[MAXF][MAXF] = {{0}};
  for (int i = 0; i < F; i++)
    for (int j = 0; j <= i; j++) {
      double sum = i == j ? 1 : sector[i] == sector[j] ? rhoSector : rhoOther;
      for (int k = 0; k < j; k++) sum -= chol[i][k] * chol[j][k];
      chol[i][j] = i == j ? sqrt(sum) : sum / chol[j][j];
    }
  /* per-step constants; the reference cost has both corridors open, so an open road costs 1x */
  double drift[MAXF], diffusion[MAXF], gdt[MAXF], invPotential[MAXF], roadShut[MAXF], logBase[MAXF];
  for (int f = 0; f < F; f++) {
    double viaRoad = roadFreight + timeCost[f] * roadDays, viaNorth = northFreight + timeCost[f] * northDays;
    double reference = viaRoad < viaNorth ? viaRoad : viaNorth;
    drift[f] = -0.5 * vol[f] * vol[f] * dt;
    diffusion[f] = vol[f] * sqrt(dt);
    gdt[f] = growth[f] * dt;
    invPotential[f] = 1 / potential[f];
    roadShut[f] = pow((1 + viaNorth) / (1 + reference), -elasticity[f]);
    logBase[f] = log(base[f]);
  }
  double pClose = 1 - exp(-closuresPerYear * dt), pReopen = 1 - exp(-dt * 365 / meanClosureDays);

  sa = sb = sc = seed;
  sd = 1;
  for (int i = 0; i < 12; i++) next64();
  ziggurat_init();

  double *finals = malloc(sizeof(double) * (size_t)paths);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long p = 0; p < paths; p++) {
    double x[MAXF], v[MAXF], z[MAXF];
    int shut = 0;
    for (int f = 0; f < F; f++) { x[f] = logBase[f]; v[f] = base[f]; }
    for (int t = 0; t < steps; t++) {
      double u = uniform();
      shut = shut ? !(u < pReopen) : u < pClose;
      for (int f = 0; f < F; f++) z[f] = normal();
      for (int f = 0; f < F; f++) {
        double c = 0;
        for (int k = 0; k <= f; k++) c += chol[f][k] * z[k];
        x[f] += gdt[f] * (1 - v[f] * invPotential[f]) + drift[f] + diffusion[f] * c;
        v[f] = shut ? exp(x[f]) * roadShut[f] : exp(x[f]);
      }
    }
    double total = 0;
    for (int f = 0; f < F; f++) total += v[f];
    finals[p] = total;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);

  double sum = 0;
  long reached = 0;
  for (long p = 0; p < paths; p++) { sum += finals[p]; reached += finals[p] >= target; }
  double median = select_kth(finals, paths, paths / 2);
  if (paths % 2 == 0) { /* the mean of the two middle values: the lower one is the largest below */
    double below = finals[0];
    for (long p = 1; p < paths / 2; p++) if (finals[p] > below) below = finals[p];
    median = 0.5 * (median + below);
  }
  printf("{\"peer\": \"c\", \"paths\": %ld, \"seconds\": %.6g, \"flow_steps_per_s\": %.6g, "
         "\"mean_final\": %.10g, \"median_final\": %.10g, \"p_final_ge_target\": %.8g}\n",
         paths, seconds, (double)paths * steps * F / seconds, sum / (double)paths, median, (double)reached / (double)paths);
  free(finals);
  free(json);
  return 0;
}
