"""Plan-like batches: the short-series protocol of shared/bench/short_series_eval.py with each
series cut to its own length n (1 to 8 training points, drawn with a fixed seed), the set split
into batches of 30 (a fixed shuffle), each batch forecast on its own (h = 3) — series of every
length side by side, as a plan's indicators are. Scored overall and by n.
usage: mixed_batches.py PLANCAST DATA.csv OUTDIR [--size 30] [--max-n 8] [EXTRA plancast forecast ARGS]"""
import argparse, collections, csv, os, random, subprocess, sys

import devdata

ap = argparse.ArgumentParser(); ap.add_argument("plancast"); ap.add_argument("data"); ap.add_argument("out")
ap.add_argument("--size", type=int, default=30); ap.add_argument("--max-n", type=int, default=8)
ap.add_argument("--h", type=int, default=3)
a, extra = ap.parse_known_args(); os.makedirs(a.out, exist_ok=True)
extra = [x for x in extra if x != "--"]
data, ids = devdata.load(a.data)
rng = random.Random(2); rng.shuffle(ids)
length = {s: rng.randint(1, a.max_n) for s in ids}
tally = collections.defaultdict(lambda: [0, 0, 0, 0])  # c80, c95, below, count
for b in range(0, len(ids), a.size):
    inp = os.path.join(a.out, f"b{b}.csv"); outp = os.path.join(a.out, f"b{b}_fc.csv")
    with open(inp, "w", newline="") as f:
        w = csv.writer(f); w.writerow(["series_id", "period", "value"])
        for s in ids[b:b + a.size]:
            for i, v in enumerate(data[s]["train"][-length[s]:]): w.writerow([s, 2000 + i, v])
    r = subprocess.run([a.plancast, "forecast", "--input", inp, "--horizon", str(a.h), "--quantiles", "0.5",
                        "--output", outp] + extra, capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f"forecast failed: {r.stderr}")
    for row in csv.DictReader(open(outp)):
        s = row["series_id"]; y = data[s]["test"][int(row["step"]) - 1]
        for key in ("all", length[s]):
            t = tally[key]
            t[0] += float(row["lo80"]) <= y <= float(row["hi80"]); t[1] += float(row["lo95"]) <= y <= float(row["hi95"])
            t[2] += y < float(row["q0.5"]); t[3] += 1
for key in ["all"] + sorted(k for k in tally if k != "all"):
    c80, c95, below, n = tally[key]
    print(f"mixed batches of {a.size}, n={key}: {n} forecasts cov80={c80 / n:.3f} cov95={c95 / n:.3f} below_med={below / n:.3f}")
