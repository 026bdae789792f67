#!/usr/bin/env python3
"""K1 in vectorised numpy, as an analyst would write it: every path at once (in blocks that fit
in cache), one time step after another. Parameters from k1.json beside this file.

usage: python3 k1_numpy.py PATHS [SEED]   -> one JSON line on stdout

Random numbers: numpy's Generator on PCG64 (seeded with SEED); its normals are numpy's ziggurat.
"""
import json
import math
import os
import sys
import time
from pathlib import Path

# one thread, like the other peers: numpy's BLAS would otherwise spread the matrix product
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
import numpy as np  # noqa: E402

BLOCK = 32768  # paths per block: the working arrays (8 flows x BLOCK doubles) stay near L2


def main(argv):
    if len(argv) < 2 or int(argv[1]) < 1:
        sys.exit("usage: k1_numpy.py PATHS [SEED]")
    paths = int(argv[1])
    seed = int(argv[2]) if len(argv) > 2 else 1
    k1 = json.loads((Path(__file__).resolve().parent / "k1.json").read_text())

    steps = k1["stepsPerYear"] * k1["years"]
    dt = 1.0 / k1["stepsPerYear"]
    growth, vol, potential, elasticity, time_cost = (
        np.asarray(k1[key], dtype=float) for key in ("growth", "volatility", "potential", "elasticity", "timeCostPerDay"))
    base = np.asarray(k1["base"], dtype=float)
    flows = len(base)

    sector = [name.split(" ")[0] for name in k1["flows"]]
    rho = k1["correlation"]
    corr = np.array([[1.0 if i == j else rho["sameSector"] if sector[i] == sector[j] else rho["otherwise"]
                      for j in range(flows)] for i in range(flows)])
    # rows of z (paths x flows) times chol.T are correlated rows
    chol_t = np.linalg.cholesky(corr).T

    road, north = k1["corridors"]["afghan-road"], k1["corridors"]["northern"]
    via_road = road["freightCost"] + time_cost * road["transitDays"]
    via_north = north["freightCost"] + time_cost * north["transitDays"]
    # with both corridors open (the reference) the cost factor is 1; with the road shut, this:
    road_shut = ((1 + via_north) / (1 + np.minimum(via_road, via_north))) ** -elasticity
    p_close = 1 - math.exp(-road["closuresPerYear"] * dt)
    p_reopen = 1 - math.exp(-dt * 365 / road["meanClosureDays"])

    drift = -0.5 * vol * vol * dt
    diffusion = vol * math.sqrt(dt)
    pull = growth * dt / potential  # the logistic term's coefficient of V
    rng = np.random.Generator(np.random.PCG64(seed))

    finals = np.empty(paths)
    start = time.perf_counter()
    for first in range(0, paths, BLOCK):
        n = min(BLOCK, paths - first)
        x = np.repeat(np.log(base)[None, :], n, axis=0)
        v = np.repeat(base[None, :], n, axis=0)
        shut = np.zeros(n, dtype=bool)
        for _ in range(steps):
            u = rng.random(n)
            shut = np.where(shut, u >= p_reopen, u < p_close)
            shocks = rng.standard_normal((n, flows)) @ chol_t
            x += growth * dt + drift - pull * v + diffusion * shocks
            np.exp(x, out=v)
            v[shut] *= road_shut
        finals[first:first + n] = v.sum(axis=1)
    seconds = time.perf_counter() - start

    print(json.dumps({
        "peer": "numpy", "paths": paths, "seconds": seconds, "flow_steps_per_s": paths * steps * flows / seconds,
        "mean_final": float(finals.mean()), "median_final": float(np.median(finals)),
        "p_final_ge_target": float(np.mean(finals >= k1["target"])),
    }))


if __name__ == "__main__":
    main(sys.argv)
