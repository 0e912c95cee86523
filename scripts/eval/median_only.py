#!/usr/bin/env python3
"""Copies a forecasts CSV without its `mean` column: shared/bench/score_forecasts.py takes `mean`
as the point forecast when present, and plancast's point forecast is the median (q0.5).

usage: median_only.py FORECASTS.csv OUT.csv"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
cols = [c for c in rows[0] if c != "mean"]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols)
    w.writeheader()
    for r in rows:
        w.writerow({c: r[c] for c in cols})
