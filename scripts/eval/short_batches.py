"""The short-series protocol of shared/bench/short_series_eval.py in plan-sized batches: each
series cut to its last n training points, the set split into batches of 30 (a fixed shuffle),
each batch forecast on its own (h = 3), all scored together. `--ns full` keeps every training
point (with --h the set's horizon: the full-set protocol in plan-sized batches).
usage: short_batches.py PLANCAST DATA.csv OUTDIR [--ns 2,3,4,5|full] [--size 30] [--h 3] [EXTRA plancast forecast ARGS]"""
import argparse, collections, csv, math, os, random, subprocess, sys

import devdata

ap = argparse.ArgumentParser(); ap.add_argument("plancast"); ap.add_argument("data"); ap.add_argument("out")
ap.add_argument("--ns", default="2,3,4,5"); ap.add_argument("--size", type=int, default=30); ap.add_argument("--h", type=int, default=3)
a, extra = ap.parse_known_args(); os.makedirs(a.out, exist_ok=True)
extra = [x for x in extra if x != "--"]
data, ids = devdata.load(a.data)
random.Random(1).shuffle(ids)
worst = 0.0
for n in [None if x == "full" else int(x) for x in a.ns.split(",")]:
    c80 = c95 = below = cnt = 0
    for b in range(0, len(ids), a.size):
        inp = os.path.join(a.out, f"n{n}_b{b}.csv"); outp = os.path.join(a.out, f"n{n}_b{b}_fc.csv")
        with open(inp, "w", newline="") as f:
            w = csv.writer(f); w.writerow(["series_id", "period", "value"])
            for s in ids[b:b + a.size]:
                for i, v in enumerate(data[s]["train"][-n if n else 0:]): w.writerow([s, 2000 + i, v])
        r = subprocess.run([a.plancast, "forecast", "--input", inp, "--horizon", str(a.h), "--quantiles", "0.5",
                            "--output", outp] + extra, capture_output=True, text=True)
        if r.returncode != 0: sys.exit(f"forecast failed: {r.stderr}")
        for row in csv.DictReader(open(outp)):
            y = data[row["series_id"]]["test"][int(row["step"]) - 1]
            c80 += float(row["lo80"]) <= y <= float(row["hi80"]); c95 += float(row["lo95"]) <= y <= float(row["hi95"])
            below += y < float(row["q0.5"]); cnt += 1
    cov80, cov95, bm = c80 / cnt, c95 / cnt, below / cnt
    worst = max(worst, abs(cov80 - .8) / .06, abs(cov95 - .95) / .03, abs(bm - .5) / .08)
    print(f"n={n or 'full'}, h={a.h}, batches of {a.size}: cov80={cov80:.3f} cov95={cov95:.3f} below_med={bm:.3f}")
print(f"batches of {a.size}: worst calibration distance {worst:.2f} (<=1 holds)")
