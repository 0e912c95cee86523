"""Coverage when the forecast origin is moved k years back.

A collection's coverage in one test period is a noisy figure: the series share calendar years,
so a common shock (a recession, a boom) moves many of them at once. This moves every series'
forecast origin k years back (k = 0 is the set's own split: the last k training years become the
first k outcomes) and forecasts the next h years from the years before it, so that the same
forecaster is judged on several periods. Series left with fewer than --min-train training years
are skipped. Prints 80% / 95% coverage, the share of outcomes below the median and 80% coverage
by step for each k, then their means over the periods. Periods two years apart overlap in
some outcome years, so they are not independent draws.

With --n N each series is cut to its last N points before the origin (the short-series
protocol of shared/bench/short_series_eval.py, moved back in time).

usage: periods.py PLANCAST DATA.csv H OUTDIR [--library LIB] [--shifts 0,2,4,6,8] [--min-train 6] [--n N]
(DATA: series_id,t,value,split, as in shared/data)"""
import argparse, collections, csv, os, subprocess, sys

import devdata

ap = argparse.ArgumentParser()
ap.add_argument("plancast"); ap.add_argument("data"); ap.add_argument("h", type=int); ap.add_argument("out")
ap.add_argument("--library"); ap.add_argument("--n", type=int, help="keep only the last N points before the origin")
ap.add_argument("--shifts", default="0,2,4,6,8"); ap.add_argument("--min-train", type=int, default=6)
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)
series, order = devdata.load(a.data)
means = collections.defaultdict(list)
for k in map(int, a.shifts.split(",")):
    inp, fc, truth = f"{a.out}/k{k}.csv", f"{a.out}/k{k}-fc.csv", {}
    with open(inp, "w") as f:
        f.write("series_id,period,value\n")
        for s in order:
            values = series[s]["train"] + series[s]["test"]
            n = len(series[s]["train"]) - k
            if n < a.min_train or len(values) < n + a.h: continue
            kept = values[:n][-a.n:] if a.n else values[:n]
            for i, v in enumerate(kept): f.write(f"{s},{2000 + i},{v!r}\n")
            truth[s] = values[n:n + a.h]
    args = [a.plancast, "forecast", "--input", inp, "--horizon", str(a.h), "--levels", "80,95",
            "--quantiles", "0.5", "--output", fc]
    if a.library: args += ["--library", a.library]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f"k={k}: plancast exited {r.returncode}: {r.stderr.strip()[:300]}")
    tally = collections.defaultdict(lambda: [0, 0, 0, 0]); smape = []
    for row in csv.DictReader(open(fc)):
        y = truth[row["series_id"]][int(row["step"]) - 1]; med = float(row["q0.5"])
        smape.append(200 * abs(med - y) / (abs(med) + abs(y)) if abs(med) + abs(y) > 0 else 0)
        for key in ("all", int(row["step"])):
            t = tally[key]
            t[0] += 1; t[1] += float(row["lo80"]) <= y <= float(row["hi80"])
            t[2] += float(row["lo95"]) <= y <= float(row["hi95"]); t[3] += y < float(row["q0.5"])
    n, c80, c95, below = tally["all"]
    steps = [tally[j][1] / tally[j][0] for j in range(1, a.h + 1)]
    for name, v in (("cov80", c80 / n), ("cov95", c95 / n), ("below", below / n), ("smape", sum(smape) / n)):
        means[name].append(v)
    means["steps"].append(steps)
    print(f"k={k}: {len(truth)} series cov80={c80 / n:.3f} cov95={c95 / n:.3f} below_med={below / n:.3f}"
          f" sMAPE={sum(smape) / n:.2f}  80% by step: " + " ".join(f"{c:.2f}" for c in steps))
m = {k: sum(v) / len(v) for k, v in means.items() if k != "steps"}
spread = max(means["cov80"]) - min(means["cov80"])
print(f"mean over {len(means['cov80'])} periods: cov80={m['cov80']:.3f} cov95={m['cov95']:.3f} "
      f"below_med={m['below']:.3f} sMAPE={m['smape']:.2f}  (cov80 ranges over {spread:.3f})  80% by step: "
      + " ".join(f"{sum(c) / len(c):.2f}" for c in zip(*means["steps"])))
