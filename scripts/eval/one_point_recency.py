"""Would a reference class of recent growth cover one-point series better? A question about the
data, not about plancast: no plancast call.

A one-point series' interval can only come from a reference class. Here the class is the
empirical log growth log(y[e+h] / y[e]) of a LIBRARY collection's training years, from every
origin e (K = all) or only from origins whose h-step change ends within the last K + h − 1
training years (recent windows). Its 10–90% and 2.5–97.5% quantiles at h = 1, 2, 3 are the
intervals (growth around the last value), and TEST's series cut to their last training point
are scored on their held-out years: 80% and 95% coverage per step and pooled, as
shared/bench/short_series_eval.py --ns 1 pools them.

Result of 2026-12-04 (Notebooks-data/forecast-accuracy.md, "What was tried and not kept"):
recent windows fit a collection's own test years better (M1 from M1: 0.855 → 0.799 at 80% with
K = 10) but make the transfer worse (Tourism from M1: 0.746 → 0.653; M1 from Tourism stays
0.90–0.91).

usage: one_point_recency.py TEST.csv LIBRARY.csv [--ks all,10,5,3]
(both: series_id,t,value,split, as in shared/data)"""
import argparse, math

import devdata

ap = argparse.ArgumentParser()
ap.add_argument("test"); ap.add_argument("library")
ap.add_argument("--ks", default="all,10,5,3")
a = ap.parse_args()
H = 3


def quantile(sorted_values, p):
    """Type-7 quantile (linear interpolation between order statistics), as numpy's default."""
    x = (len(sorted_values) - 1) * p
    i = int(math.floor(x)); j = min(i + 1, len(sorted_values) - 1)
    return sorted_values[i] + (x - i) * (sorted_values[j] - sorted_values[i])


def growths(data, k):
    """Log growth over h = 1..H from every origin of the training years (k None) or from
    origins e >= n - k - H (changes ending in the last k + H - 1 years)."""
    g = {h: [] for h in range(1, H + 1)}
    for v in data.values():
        y = v["train"]; n = len(y)
        for e in range(n - 1):
            if k is not None and e < n - k - H:
                continue
            for h in range(1, H + 1):
                if e + h < n and y[e] > 0 and y[e + h] > 0:
                    g[h].append(math.log(y[e + h] / y[e]))
    return {h: sorted(x) for h, x in g.items()}


test, _ = devdata.load(a.test)
library, _ = devdata.load(a.library)
outcomes = {h: [math.log(v["test"][h - 1] / v["train"][-1]) for v in test.values()
                if len(v["test"]) >= h and v["train"][-1] > 0 and v["test"][h - 1] > 0]
            for h in range(1, H + 1)}
for ks in a.ks.split(","):
    k = None if ks == "all" else int(ks)
    lib = growths(library, k)
    cells, c80s, c95s = [], [], []
    for h in range(1, H + 1):
        t = lib[h]
        lo80, hi80, lo95, hi95 = (quantile(t, p) for p in (0.1, 0.9, 0.025, 0.975))
        o = outcomes[h]
        c80 = sum(lo80 <= x <= hi80 for x in o) / len(o)
        c95 = sum(lo95 <= x <= hi95 for x in o) / len(o)
        c80s.append(c80); c95s.append(c95)
        cells.append(f"h{h} {c80:.2f}/{c95:.2f}")
    print(f"K={ks:>3}: {' '.join(cells)}  pooled {sum(c80s) / H:.3f}/{sum(c95s) / H:.3f}")
