#!/usr/bin/env python3
"""Builds observations.csv from shared/data/kunshan-public/observations.csv.

Run from the repository root:  python3 Notebooks-data/kunshan-2022-2025/tools/build_observations.py

Keeps the Kunshan rows that measure a plan indicator or a driver, gives each a quality flag
(the judgement is written next to each rule below), and marks which row is used where several
rows give the same indicator and year. The choice follows the rule implemented and tested in
Swift (Indicators/ObservationSelection.swift):
  1. unusable rows (partial_year, not_comparable) are never selected;
  2. otherwise the best quality wins: actual > estimate > lower_bound > snapshot > spliced;
  3. then the value stated with more significant digits (the more precise report);
  4. then the row that comes first in the file.
Targets (kind=target) are goals, not observations: they are left out (the plan holds targets).
"""
import csv, os, sys

SRC = os.path.join(os.path.dirname(__file__), "../../../../shared/data/kunshan-public/observations.csv")
OUT = os.path.join(os.path.dirname(__file__), "../observations.csv")

# (source indicator_id, year, value) -> (plan indicator, quality, note). Rows not listed are
# dropped: they measure something the plan does not track.
def classify(r):
    i, y, v, unit, kind = r["indicator_id"], int(r["year"]), r["value"], r["unit"], r["kind"]
    if kind == "target":
        return None
    q = "actual" if kind == "actual" else "estimate"
    note = ""
    if i == "high_tech_industry_output":
        return None  # not a plan indicator or driver
    flows = ("gdp", "industrial_output")
    if i in flows and ("上半年" in unit or "非全年" in unit):
        # A half-year flow is not comparable with a yearly one. (For stocks a mid-year count
        # is a snapshot, handled per indicator below.)
        return (i, "partial_year", "first half of the year only, not a year-end value")
    if i == "gdp":
        if "整数约数" in unit:
            return ("gdp", "estimate", "rounded figure (240 billion yuan)")
        if "下限值" in unit:
            return ("gdp", "lower_bound", "crossed 3000 亿元: a lower bound")
        if y == 2017:
            return ("gdp", "estimate", "approximate figure (约数)")
        if y == 2015:
            return ("gdp", "actual", "year inferred by the source collector from the value")
        return ("gdp", q, note)
    if i == "population":
        return ("population", q, "year inferred from the excerpt" if y == 2015 else "")
    if i == "industrial_output":
        return ("industrial_output", q, note)
    if i == "industrial_output_total":
        return ("industrial_output", "not_comparable", "total industrial output (全口径), not above designated size")
    if i == "high_tech_enterprises":
        if "下限值" in unit or "下限值" in r["quote"]:
            return (i, "lower_bound", "\"突破/超\": the true value is at least this")
        if "年中" in unit or "上半年" in unit:
            return (i, "snapshot", "mid-year count, not year end")
        return (i, q, note)
    if i == "net_new_high_tech_enterprises":
        return (i, q, note)
    if i == "high_level_talent_total":
        return (i, "snapshot", "mid-2024 count (\"截至目前\", reported July 2024)")
    if i == "talent_resource_total":
        if y == 2013:
            return (i, "estimate", "\"at present\" in January 2014, rounded (380,000)")
        if y == 2024:
            return (i, "snapshot", "mid-2024 count (\"截至目前\")")
        return (i, q, note)
    if i == "national_major_talent_experts":
        if y == 2013:
            return (i, "spliced", "national Thousand Talents programme, the predecessor series")
        if y == 2019:
            return (i, "spliced", "\"national leading innovation talents\": similar scope, different wording")
        if y == 2024:
            return (i, "snapshot", "count reported July 2024")
    if i == "new_high_skilled_workers":
        return (i, q, note)
    if i == "new_provincial_innovation_talents":
        return (i, q, "sum of 26 provincial talents and 2 provincial teams")
    if i == "new_engineering_research_centers":
        return (i, "lower_bound", "provincial centres only; national ones would add to it")
    if i == "new_rd_institutions":
        return (i, q, note)
    if i == "new_listed_companies":
        return (i, q, note)
    if i == "new_incubators":
        return (i, "lower_bound", "national + provincial incubators only; Suzhou-level ones not counted")
    if i == "new_postdoc_workstations":
        return (i, "lower_bound", "national workstations approved in the 2023 batch (announced May 2024); provincial ones not counted")
    if i == "rd_intensity":
        if y == 2011:
            return (i, "estimate", "approximate (\"each year ... 2.5 percent\"), reported March 2012")
        return (i, q, note)
    if i == "strategic_emerging_share":
        if "下限值" in unit:
            return (i, "lower_bound", "\"超50%\": at least 50")
        return (i, q, note)
    if i == "high_tech_industry_share":
        return (i, q, note)
    if i == "unicorn_candidates":
        return (i, q, "Kunshan firms on Suzhou's 2021 unicorn-candidate list (published July 2022)")
    if i == "new_gazelle_enterprises":
        return ("gazelle_enterprises", "not_comparable", "new Suzhou gazelle firms in the year (a flow), not the stock the plan counts")
    return None

RANK = {"actual": 0, "estimate": 1, "lower_bound": 2, "snapshot": 3, "spliced": 4}

def sigdigits(s):
    d = s.replace("-", "").replace(".", "").lstrip("0")
    return len(d.rstrip("0")) if "." not in s else len(d)

rows = []
with open(SRC, encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["entity"] != "kunshan":
            continue
        c = classify(r)
        if c is None:
            continue
        ind, quality, note = c
        rows.append(dict(indicator=ind, year=int(r["year"]), value=r["value"], unit=r["unit"],
                         quality=quality, selected="no", source_title=r["source_title"],
                         source_url=r["source_url"], quote=r["quote"], note=note))

groups = {}
for k, r in enumerate(rows):
    groups.setdefault((r["indicator"], r["year"]), []).append(k)
for key, ks in groups.items():
    usable = [k for k in ks if rows[k]["quality"] in RANK]
    if not usable:
        continue
    best = min(usable, key=lambda k: (RANK[rows[k]["quality"]], -sigdigits(rows[k]["value"]), k))
    rows[best]["selected"] = "yes"
    for k in usable:
        if k != best:
            rows[k]["note"] = (rows[k]["note"] + "; " if rows[k]["note"] else "") + \
                f"not selected: {rows[best]['value']} ({rows[best]['quality']}) is preferred"

rows.sort(key=lambda r: (r["indicator"], r["year"], r["selected"] != "yes"))
cols = ["indicator", "year", "value", "unit", "quality", "selected", "source_title", "source_url", "quote", "note"]
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)
