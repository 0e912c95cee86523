"""Coverage by stratum: the share of held-out values inside the 80% interval, by quartile of
series length and of in-sample volatility (mean absolute log change of the training years).
usage: strata.py DATA.csv FORECASTS.csv   (forecasts: series_id,horizon_step,...,lo80,hi80)"""
import csv, collections, math, sys
data = collections.defaultdict(lambda: {"train": [], "test": []})
for r in csv.DictReader(open(sys.argv[1])):
    data[r["series_id"]][r["split"]].append(float(r["value"]))
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
for name, d in hits.items():
    cov = [sum(d[q]) / len(d[q]) for q in range(4)]
    print(f"{name} quartiles 80% coverage: " + " ".join(f"{c:.3f}" for c in cov)
          + f"  (worst distance from 0.80: {max(abs(c - 0.8) for c in cov):.3f})")
