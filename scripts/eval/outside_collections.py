#!/usr/bin/env python3
"""Builds the outside check collections in Notebooks-data/outside/ from public yearly data.

Three collections of real yearly series that no part of plancast is built or tuned on (the
reference library is built from Tourism and M1 only): they check that the calibration transfers
(issue 11). Each series is a country's (or nation's) longest run of consecutive positive years
ending at its last year, kept if at least 14 years long; the last 6 years are `test`, the rest
`train` — the layout of shared/data/*-yearly.

    python3 scripts/eval/outside_collections.py GDP_CSV POPULATION_CSV CO2_CSV OUTDIR

GDP_CSV: data/gdp.csv of github.com/datasets/gdp (World Bank, current US$, in millions here);
POPULATION_CSV: data/population.csv of github.com/datasets/population (World Bank);
CO2_CSV: data/fossil-fuel-co2-emissions-by-nation.csv of github.com/datasets/co2-fossil-by-nation
(CDIAC, total emissions, thousand tonnes of carbon; from 1970 on). World Bank aggregates
(regions, income groups) are left out: they repeat the countries.
"""
import collections
import csv
import sys

AGGREGATES = set(
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX LAC LCN "
    "LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA "
    "TSS UMC WLD".split()
)


def write(series, path, scale=1.0, test=6, least=14):
    n = 0
    with open(path, "w") as out:
        out.write("series_id,t,value,split\n")
        for sid, values in sorted(series.items()):
            years = sorted(values)
            run = [years[-1]]
            for y in reversed(years[:-1]):
                if y != run[-1] - 1:
                    break
                run.append(y)
            run.reverse()
            if len(run) < least or any(values[y] <= 0 for y in run):
                continue
            n += 1
            for i, y in enumerate(run):
                split = "test" if i >= len(run) - test else "train"
                out.write(f"{sid.replace(',', ' ')},{i + 1},{values[y] / scale:.6g},{split}\n")
    print(f"{path}: {n} series", file=sys.stderr)


def world_bank(path):
    d = collections.defaultdict(dict)
    for r in csv.DictReader(open(path)):
        if r["Country Code"] not in AGGREGATES and r["Value"]:
            d[r["Country Code"]][int(r["Year"])] = float(r["Value"])
    return d


def main():
    gdp, population, co2, outdir = sys.argv[1:5]
    write(world_bank(gdp), f"{outdir}/gdp_yearly.csv", scale=1e6)
    write(world_bank(population), f"{outdir}/population_yearly.csv")
    d = collections.defaultdict(dict)
    for r in csv.DictReader(open(co2)):
        if int(r["Year"]) >= 1970 and r["Total"]:
            d[r["Country"]][int(r["Year"])] = float(r["Total"])
    write(d, f"{outdir}/co2_yearly.csv")


if __name__ == "__main__":
    main()
