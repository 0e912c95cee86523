#!/usr/bin/env python3
"""Builds the share collections: real yearly percentage shares of national economies, for the
share (logit) path that Tourism, M1 and the other outside collections (all levels) never use.

- Notebooks-data/shares/economic_shares_yearly.csv.gz, the development collection the share
  reference library is built from (`scripts/build-reference-library`): every World Bank WDI
  percentage indicator (code ending in .ZS) of national accounts, trade, balance of payments,
  government finance, finance and energy (code prefixes below; chosen by subject before any
  series was scored, as the kinds of share an action plan sets goals on), at most 30 countries
  each (seeded), the three check indicators left out;
- Notebooks-data/outside/shares_yearly.csv, the check collection, never tuned on: three
  indicators like the Kunshan plan's own shares —
  GB.XPD.RSDV.GD.ZS, research and development expenditure (% of GDP) (the plan's R&D intensity),
  TX.VAL.TECH.MF.ZS, high-technology exports (% of manufactured exports) (a high-tech share),
  NV.IND.MANF.ZS, manufacturing value added (% of GDP) (an industry share).

Each series is a country's longest run of consecutive years with values strictly between 0 and
100 ending at its last such year, kept if at least 12 years long; the last 6 years are `test`,
the rest `train` (the layout of shared/data/*-yearly). World Bank aggregates (regions, income
groups, the world) are left out: they repeat the countries.

    python3 scripts/eval/share_collection.py WDI_DIR OUT_DIR

WDI_DIR holds the files <code>_WDI.csv of WDI_bundle/parsed/ in github.com/ronnywang/worldbank
(commit dff56f3, 2013-12-21: WDI as published in 2013, wide, one row per economy and one column
per year 1960-2013). OUT_DIR gets shares/economic_shares_yearly.csv.gz (gzip: 2.7 MB as text) and
outside/shares_yearly.csv.
"""
import csv
import glob
import gzip
import io
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outside_collections import AGGREGATES  # noqa: E402

CHECK = [("rd", "GB.XPD.RSDV.GD.ZS"), ("hightech", "TX.VAL.TECH.MF.ZS"), ("manuf", "NV.IND.MANF.ZS")]
DEVELOPMENT_PREFIXES = (
    "NV.", "NE.", "TX.VAL.", "TM.VAL.", "BX.GSR.", "BM.GSR.", "GC.", "FS.", "FM.", "CM.", "EG.ELC.",
    "EG.USE.", "EG.IMP.", "SE.XPD.", "GB.",
)
# Aggregates of the 2013 bundle that the later list does not hold.
MORE_AGGREGATES = set("CEA CEU CLA CME CSA CAF CSS OSS PSS NOC OEC SSA SAS".split())
LEAST, TEST, PER_INDICATOR, SEED = 12, 6, 30, 1


def runs(path):
    """Each country's last run of consecutive years with 0 < value < 100, as (year, value)."""
    out = {}
    with open(path, newline="") as f:
        r = csv.reader(f)
        years = [int(y) for y in next(r)[4:]]
        for row in r:
            code = row[1]
            if code in AGGREGATES or code in MORE_AGGREGATES:
                continue
            values = {y: float(v) for y, v in zip(years, row[4:]) if v.strip()}
            ok = [y for y in sorted(values) if 0 < values[y] < 100]
            if not ok:
                continue
            run = [ok[-1]]
            for y in reversed(ok[:-1]):
                if y != run[-1] - 1:
                    break
                run.append(y)
            out[code] = [(y, values[y]) for y in reversed(run)]
    return out


def write(path, series):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # A .gz path is written compressed, without a timestamp, so a rebuild is byte-identical.
    raw = gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) if path.endswith(".gz") else open(path, "wb")
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        out.write("series_id,t,value,split\n")
        for sid, run in series:
            for i, (_, v) in enumerate(run):
                split = "test" if i >= len(run) - TEST else "train"
                out.write(f"{sid},{i + 1},{v:.6g},{split}\n")
    print(f"{path}: {len(series)} series", file=sys.stderr)


def main():
    wdi, outdir = sys.argv[1:3]
    check = []
    for name, code in CHECK:
        for country, run in sorted(runs(os.path.join(wdi, f"{code}_WDI.csv")).items()):
            if len(run) >= LEAST:
                check.append((f"{name}-{country}", run))
    rng = random.Random(SEED)
    development = []
    held = {code for _, code in CHECK}
    for path in sorted(glob.glob(os.path.join(wdi, "*.ZS_WDI.csv"))):
        code = os.path.basename(path)[: -len("_WDI.csv")]
        if code in held or not code.startswith(DEVELOPMENT_PREFIXES):
            continue
        kept = sorted((c, r) for c, r in runs(path).items() if len(r) >= LEAST)
        if len(kept) > PER_INDICATOR:
            kept = rng.sample(kept, PER_INDICATOR)
        development += [(f"{code}-{c}", r) for c, r in kept]
    write(os.path.join(outdir, "shares", "economic_shares_yearly.csv.gz"), development)
    write(os.path.join(outdir, "outside", "shares_yearly.csv"), check)


if __name__ == "__main__":
    main()
