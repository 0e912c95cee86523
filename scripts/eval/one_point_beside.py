"""One-point series forecast beside longer series of their own collection, as a plan's
indicators with a single figure sit beside indicators with a history.

Every second series of DATA (alternately the even and the odd ones, so that each series is
scored once as a one-point series) is cut to its last training point; the others keep every
training year. Each batch (the whole set, or --batch N series in input order) is forecast
together with `plancast forecast`, and only the one-point series are scored on their first h
held-out years: 80% and 95% coverage and the share of outcomes below the median. A batch of
one-point series alone (shared/bench/short_series_eval.py --ns 1) has nothing from which to
learn how volatile its collection is; here the longer series set the batch's scale s0.

usage: one_point_beside.py PLANCAST DATA.csv OUTDIR [--batch N] [--h 3]
(DATA: series_id,t,value,split, as in shared/data)"""
import argparse, csv, os, subprocess, sys

import devdata

ap = argparse.ArgumentParser()
ap.add_argument("plancast"); ap.add_argument("data"); ap.add_argument("out")
ap.add_argument("--batch", type=int, default=0, help="series per batch (0: one batch)")
ap.add_argument("--h", type=int, default=3)
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)
data, order = devdata.load(a.data)
n = c80 = c95 = below = 0
for parity in (0, 1):
    groups = [order] if a.batch <= 0 else [order[i:i + a.batch] for i in range(0, len(order), a.batch)]
    for g, group in enumerate(groups):
        inp, outp, one = f"{a.out}/p{parity}-{g}.csv", f"{a.out}/p{parity}-{g}-fc.csv", set()
        with open(inp, "w") as f:
            f.write("series_id,period,value\n")
            for i, s in enumerate(group):
                train = data[s]["train"]
                kept = train[-1:] if i % 2 == parity else train
                if i % 2 == parity: one.add(s)
                for j, v in enumerate(kept): f.write(f"{s},{2000 + len(train) - len(kept) + j},{v!r}\n")
        r = subprocess.run([a.plancast, "forecast", "--input", inp, "--horizon", str(a.h), "--levels", "80,95",
                            "--quantiles", "0.5", "--output", outp], capture_output=True, text=True)
        if r.returncode != 0: sys.exit(f"{inp}: plancast exited {r.returncode}: {r.stderr.strip()[:300]}")
        for row in csv.DictReader(open(outp)):
            s = row["series_id"]
            if s not in one: continue
            y = data[s]["test"][int(row["step"]) - 1]
            n += 1
            c80 += float(row["lo80"]) <= y <= float(row["hi80"])
            c95 += float(row["lo95"]) <= y <= float(row["hi95"])
            below += y < float(row["q0.5"])
print(f"{os.path.basename(a.data)}, batch {a.batch or 'all'}: {n} one-point forecasts beside longer series "
      f"cov80={c80 / n:.3f} cov95={c95 / n:.3f} below_med={below / n:.3f}")
