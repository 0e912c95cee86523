"""Coverage by stratum: the share of held-out values inside the 80% interval, by quartile of
series length and of in-sample volatility (mean absolute log change of the training years), and
by recent direction (the last training value below or not below the one five years earlier:
the series a plan's "decrease" goals are about), with the share of outcomes below the median,
and by horizon step (80% and 95% coverage).
usage: strata.py DATA.csv FORECASTS.csv   (forecasts: series_id,horizon_step,...,lo80,hi80)"""
import csv, collections, math, sys

import devdata

data, _ = devdata.load(sys.argv[1])
def vol(v):
    d = [abs(math.log(b / a)) for a, b in zip(v, v[1:]) if a > 0 and b > 0]
    return sum(d) / len(d) if d else 0.0
def quartile(key):
    ids = sorted(data, key=lambda s: (key(s), s))
    return {s: 4 * i // len(ids) for i, s in enumerate(ids)}
by_len = quartile(lambda s: len(data[s]["train"]))
by_vol = quartile(lambda s: vol(data[s]["train"]))
hits = {"length": collections.defaultdict(list), "volatility": collections.defaultdict(list)}
for r in csv.DictReader(open(sys.argv[2])):
    s = r["series_id"]; h = int(r["horizon_step"]); y = data[s]["test"][h - 1]
    inside = float(r["lo80"]) <= y <= float(r["hi80"])
    hits["length"][by_len[s]].append(inside); hits["volatility"][by_vol[s]].append(inside)
falling = {s: len(v["train"]) >= 6 and v["train"][-1] < v["train"][-6] for s, v in data.items()}
direction = collections.defaultdict(lambda: [0, 0, 0])
for r in csv.DictReader(open(sys.argv[2])):
    s = r["series_id"]; h = int(r["horizon_step"]); y = data[s]["test"][h - 1]
    d = direction["falling" if falling[s] else "rising"]
    d[0] += 1; d[1] += float(r["lo80"]) <= y <= float(r["hi80"])
    if "q0.5" in r: d[2] += y < float(r["q0.5"])
for name, d in hits.items():
    cov = [sum(d[q]) / len(d[q]) for q in range(4)]
    print(f"{name} quartiles 80% coverage: " + " ".join(f"{c:.3f}" for c in cov)
          + f"  (worst distance from 0.80: {max(abs(c - 0.8) for c in cov):.3f})")
print("recent direction 80% coverage: " + "  ".join(
    f"{k} {d[1] / d[0]:.3f} (n={d[0]}, below median {d[2] / d[0]:.2f})" for k, d in sorted(direction.items())))
steps = collections.defaultdict(lambda: [0, 0, 0])
for r in csv.DictReader(open(sys.argv[2])):
    s = r["series_id"]; h = int(r["horizon_step"]); y = data[s]["test"][h - 1]
    d = steps[h]
    d[0] += 1; d[1] += float(r["lo80"]) <= y <= float(r["hi80"])
    if "lo95" in r: d[2] += float(r["lo95"]) <= y <= float(r["hi95"])
print("by step, 80% / 95% coverage: " + "  ".join(
    f"h{h} {d[1] / d[0]:.3f}/{d[2] / d[0]:.3f}" for h, d in sorted(steps.items())))
