#!/usr/bin/env python3
"""Random plan shapes through `check` and `run`, judged by what the outputs say of themselves.

The mutation sweeps (mutate_pipeline.py) change cells of the bundled plan and judge by crash,
NaN and error location. This script builds small plans from scratch — two to five indicators of
random kinds (stock, flow, share, level, net_change), parents, rules (final, cumulative,
every_year, growth, change), directions, targets and a few observations, bounds among them —
every other one with a baseline and a scenario of one to three random levers — and judges each
finished run by its own figures:

1. `run` ends with 0 or 65 (never a signal or 70), and 65 only where `check` exits 65 too;
2. every row of attainment.csv: p_met in [0, 1] or insufficient_data; `met` only with p_met 1
   and `not_met` only with p_met 0; a verbal label in the band of its p_met (the scale of
   README "Reading a run"); a `met`/`not_met` milestone or final value stands on its year's
   evidence (its forecasts.csv source is not simulated or backcast), and a year observed
   exactly, or pinned to one value by its bounds, is a verdict;
3. p_met agrees with the row's own quantiles: an increase target at or below p05 is met on at
   least 95% of paths less Monte Carlo noise, one above p95 on at most 5% more noise (and the
   mirror for decrease targets);
4. a cumulative goal's median lies within the sums of its yearly p05 and p95 (forecasts.csv),
   and "all goals" ("all milestones") is no likelier than any one goal (milestone) it joins;
5. forecasts.csv's quantiles are in order, and a bounded or simulated year of an indicator
   (not a net change; a parent on its lower side only) stays on the stated side of its own row (a lower bound or a
   stock's snapshot: no quantile below it; an upper bound: none above).

    python3 scripts/eval/plan_shapes.py BINARY COUNT [--seed N] [--keep DIR]

Seeded. Each finding is kept in DIR/shape-<seed>-<k>/ with why.txt; once fixed, make it a
fixture of Tests/PlancastCLITests/HostileInputTests.swift.
"""
import argparse
import csv
import os
import random
import shutil
import subprocess
import tempfile

YEARS = [2022, 2023, 2024, 2025]
BASE = 2021  # the plan's base year: YEARS[0] - 1 (`--span` moves both)
KINDS = ["stock", "flow", "share", "level", "net_change"]
RULES = ["final", "cumulative", "every_year", "growth", "change"]
BANDS = [  # label, lowest p, highest p (README: very likely >= 0.9 ... very unlikely <= 0.1)
    ("very_likely", 0.9, 1.0), ("likely", 0.66, 0.9), ("about_as_likely_as_not", 0.33, 0.66),
    ("unlikely", 0.1, 0.33), ("very_unlikely", 0.0, 0.1),
]


def plan(rnd, folder):
    n = rnd.randint(2, 5)
    rows, obs = [], []
    ids = [f"i{k}" for k in range(n)]
    kinds = {}
    for k, ind in enumerate(ids):
        kind = rnd.choice(KINDS)
        parent = ""
        if kind == "net_change" or (k > 0 and rnd.random() < 0.3):
            stocks = [j for j in ids[:k] if kinds[j] == "stock"]
            others = [j for j in ids[:k] if kinds[j] == kind or kind == "flow" and kinds[j] == "stock"]
            parent = rnd.choice(stocks) if kind == "net_change" and stocks else (rnd.choice(others) if others else "")
            if kind == "net_change" and not stocks and rnd.random() < 0.8:
                kind, parent = "flow", ""  # mostly valid plans: the refusal is tested elsewhere
        kinds[ind] = kind
        level = {"share": rnd.uniform(2, 80), "stock": rnd.uniform(10, 5000), "level": rnd.uniform(10, 5000),
                 "flow": rnd.uniform(1, 500), "net_change": rnd.uniform(-50, 300)}[kind]
        if parent and kind != "net_change":
            level /= rnd.uniform(2, 10)  # a child within its parent, mostly
        growth = rnd.uniform(-0.05, 0.15)
        targets = [level * (1 + growth) ** (y - BASE) for y in YEARS]
        if kind == "share":
            targets = [min(99, max(0.5, t)) for t in targets]
        if kind in ("stock", "flow"):
            targets = [round(t) for t in targets]
        rule = rnd.choice(RULES)
        if rule == "cumulative" and kind not in ("flow", "net_change") and rnd.random() < 0.9:
            rule = "final"
        direction = "decrease" if rnd.random() < 0.2 else "increase"
        if rule == "cumulative":
            goal = round(sum(targets) * rnd.uniform(0.8, 1.2), 2)
        elif rule in ("growth", "change"):
            goal = f"{rnd.choice([-5, 3, 8, 20])}%"
        else:
            goal = round(targets[-1] * rnd.uniform(0.9, 1.1), 2)
        if kind == "share" and rule not in ("growth", "change"):
            goal = min(99, max(0.5, float(goal)))
        cells = [str(round(t, 2)) if rnd.random() > 0.1 else "" for t in targets]
        # Names are optional in either language (a tenth of the plans leave one blank).
        zh_name, en_name = f"指标{k}", f"Indicator {k}"
        if rnd.random() < 0.1:
            zh_name, en_name = rnd.choice([(zh_name, ""), ("", en_name), ("", "")])
        rows.append([ind, parent, str(k + 1), zh_name, en_name, "科创企业", kind,
                     "%" if kind == "share" else "家", direction, rule, str(goal)] + cells + [""])
        last = rnd.choice(range(BASE - 2, YEARS[-1]))
        first = last - rnd.randint(0, 6)
        v = level / (1 + growth) ** (BASE - first) if kind != "net_change" else level
        for y in range(first, last + 1):
            v = v * (1 + growth + rnd.gauss(0, 0.05)) if kind != "net_change" else rnd.uniform(-50, 300)
            value = min(99.0, max(0.5, v)) if kind == "share" else (max(0.0, v) if kind != "net_change" else v)
            q = rnd.choice(["actual"] * 6 + ["lower_bound", "upper_bound", "estimate"]
                           + (["snapshot"] if kind == "stock" else []))
            obs.append([ind, str(y), f"{value:.2f}", q])
        if rule in ("growth", "change") and rnd.random() < 0.7:
            obs.append([ind, str(BASE), f"{max(0.5, level):.2f}", "plan_base"])
    os.makedirs(folder)
    with open(os.path.join(folder, "plan.yaml"), "w") as f:
        f.write(f"id: shape\ntitle_zh: 形状\nfirst_year: {YEARS[0]}\nlast_year: {YEARS[-1]}\nbase_year: {BASE}\n")
    with open(os.path.join(folder, "indicators.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["indicator", "parent", "row", "name_zh", "name_en", "category", "kind", "unit", "direction",
                    "headline_rule", "headline_goal"] + [f"target_{y}" for y in YEARS] + ["departments"])
        w.writerows(rows)
    with open(os.path.join(folder, "drivers.csv"), "w") as f:
        f.write("indicator,name_zh,name_en,kind,unit\n")
        # Two plans in five have a driver (as GDP is the bundled plan's) with a history of its own.
        if rnd.random() < 0.4:
            kind = rnd.choice(["level", "stock"])
            f.write(f"d0,驱动,Driver,{kind},亿元\n")
            v, g = rnd.uniform(100, 5000), rnd.uniform(-0.03, 0.12)
            for y in range(rnd.choice([BASE - 9, BASE - 5, BASE - 1]), rnd.choice([BASE, BASE + 1, BASE + 3]) + 1):
                v *= 1 + g + rnd.gauss(0, 0.04)
                obs.append(["d0", str(y), f"{max(1.0, v):.2f}", rnd.choice(["actual"] * 5 + ["estimate"])])
    with open(os.path.join(folder, "observations.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["indicator", "year", "value", "quality"])
        # One row per indicator and year (plan_base first where two share a year).
        seen = set()
        for r in sorted(obs, key=lambda r: (r[0], int(r[1]), r[3] != "plan_base")):
            if (r[0], r[1]) not in seen:
                seen.add((r[0], r[1]))
                w.writerow(r)


def scenario(rnd, folder):
    """A scenario of one to three random levers on the plan's indicators (Scenarios/README.md)."""
    ids = [r[0] for r in csv.reader(open(os.path.join(folder, "indicators.csv"), encoding="utf-8"))][1:]
    lines = ["name: what-if"]
    kinds = {"growth": [], "level_shifts": [], "shocks": [], "volatility": []}
    for k in range(rnd.randint(1, 3)):
        kind = rnd.choice(list(kinds))
        picked = rnd.sample(ids, rnd.randint(1, len(ids)))
        item = [f"  - name: lever{k}", f"    indicators: [{', '.join(picked)}]"]
        year = rnd.choice(YEARS)
        amount = rnd.choice(["5", "-20", "{pert: {min: -10, most_likely: 2, max: 30}}", "{normal: {mean: 3, sd: 4}}"])
        if kind == "growth":
            item += [f"    from: {year}", f"    percent_per_year: {amount}"]
        elif kind == "level_shifts":
            item += [f"    year: {year}", f"    percent: {amount}"]
        elif kind == "shocks":
            item += [f"    year: {year}", f"    probability: {rnd.choice([0.3, 0.9])}", f"    percent: {amount}"]
        else:
            item += [f"    scale: {rnd.choice([0.5, 2, 3])}"]
        kinds[kind].append("\n".join(item))
    for kind, items in kinds.items():
        if items:
            lines.append(f"{kind}:")
            lines += items
    drivers = [r[0] for r in csv.reader(open(os.path.join(folder, "drivers.csv"), encoding="utf-8"))][1:]
    if drivers and rnd.random() < 0.7:
        years = rnd.sample(YEARS, rnd.randint(1, min(4, len(YEARS))))
        growth = ", ".join(f"{y}: {rnd.choice(['-3', '2', '8', '{normal: {mean: 4, sd: 2}}'])}" for y in sorted(years))
        picked = rnd.sample(ids, rnd.randint(1, len(ids)))
        lines += ["drivers:", f"  - driver: {drivers[0]}", f"    growth_percent: {{{growth}}}", "    affects:",
                  f"      - indicators: [{', '.join(picked)}]",
                  f"        elasticity: {rnd.choice([-1, -0.5, 0.5, 1, 2])}"]
    path = os.path.join(folder, "what-if.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def judge(folder, out, binary, scenarios=()):
    check = subprocess.run([binary, "check", "--plan", folder, "-q", *scenarios], capture_output=True, text=True,
                           timeout=120)
    run = subprocess.run([binary, "run", "--plan", folder, "--paths", "4000", "--no-sensitivity", "--out", out,
                          "--lang", "en", *scenarios], capture_output=True, text=True, timeout=300)
    if run.returncode not in (0, 65):
        return f"run exit {run.returncode}: {run.stderr[-800:]}"
    if run.returncode == 65:
        return None if check.returncode == 65 else f"run refused what check passed: {run.stderr[-800:]}"
    return judge_outputs(out) or judge_evidence(out, folder)


def judge_outputs(out):
    """The first contradiction between a run folder's figures (points 2–4 above), or None."""
    rows = list(csv.DictReader(open(os.path.join(out, "attainment.csv"), encoding="utf-8")))
    fc = list(csv.DictReader(open(os.path.join(out, "forecasts.csv"), encoding="utf-8")))
    for r in rows:
        where = f"{r['indicator']} {r['target_type']} {r['year']} target {r['target']}"
        if not r["name"].strip():
            return f"{where}: no name (a plan's name in one language serves the other, its id where it has none)"
        if r["p_met"] == "insufficient_data":
            continue
        p = float(r["p_met"])
        if not 0 <= p <= 1:
            return f"{where}: p_met {p}"
        label = r["label"]
        if label == "met" and p != 1 or label == "not_met" and p != 0:
            return f"{where}: {label} with p_met {p}"
        # A verdict on one year stands on that year's evidence, never on a forecast; and a year
        # with an exact observation is a verdict ("271" 家 against 271 read "very likely" at 1).
        if r["target_type"] in ("milestone", "goal_final"):
            src = [f["source"] for f in fc if f["scenario"] == r["scenario"] and f["indicator"] == r["indicator"]
                   and f["year"] == r["year"]]
            if src and src[0] == "observed" and label not in ("met", "not_met"):
                return f"{where}: {label} (p_met {p}) on a year whose source is observed"
            # A year its bounds pin to one value on every path is settled by them too.
            pinned = r["p05"] and r["p05"] == r["p95"] and src and src[0] == "bounded" and p in (0.0, 1.0)
            if pinned and label not in ("met", "not_met"):
                return f"{where}: {label} (p_met {p}) on a bounded year whose every path is {r['p05']}"
        if label in ("met", "not_met") and r["target_type"] in ("milestone", "goal_final"):
            # (An interpolated year may be decided by its own bound: "近 32.94" is at least 29.6.)
            if src and src[0] in ("simulated", "backcast", "unavailable"):
                return f"{where}: {label} on a year whose source is {src[0]}"
        for name, lo, hi in BANDS:
            if label == name and not (lo - 1e-9 <= p <= hi + 1e-9):
                return f"{where}: label {label} with p_met {p}"
        if not r["p05"] or not r["target"] or r["target_type"].startswith("all_"):
            continue
        t, p05, p95 = float(r["target"]), float(r["p05"]), float(r["p95"])
        se = 4 * (0.05 * 0.95 / 4000) ** 0.5 + 0.002
        # Quantiles come from histograms (HistogramQuantiles: within one bin of the order
        # statistic): a target within 0.5% of the 5–95% range of a quantile is not judged.
        if min(abs(t - p05), abs(t - p95)) <= 0.005 * (p95 - p05) + 1e-9 * abs(t):
            continue
        up = r["direction"] == "increase"
        if (up and t <= p05 or not up and t >= p95) and p < 0.95 - se and t != p05 and t != p95:
            return f"{where}: target beyond p05–p95 ({p05}–{p95}) on the met side, but p_met {p}"
        if (up and t > p95 or not up and t < p05) and p > 0.05 + se:
            return f"{where}: target beyond p05–p95 ({p05}–{p95}) on the missed side, but p_met {p}"
        if r["target_type"] == "goal_cumulative" and r["median"]:
            ys = [f for f in fc if f["scenario"] == r["scenario"] and f["indicator"] == r["indicator"]
                  and int(f["year"]) in YEARS]
            if len(ys) == len(YEARS) and all(f["p05"] or f["observed"] for f in ys):
                lo = sum(float(f["p05"] or f["observed"]) for f in ys)
                hi = sum(float(f["p95"] or f["observed"]) for f in ys)
                m = float(r["median"])
                if not lo - 1e-6 * abs(lo) - 1 <= m <= hi + 1e-6 * abs(hi) + 1:
                    return f"{where}: cumulative median {m} outside the yearly sums {lo}–{hi}"
    # All of several targets met on one path is at most as likely as each of them (the same
    # paths judge all): "all goals" against every evaluable goal, an indicator's "all
    # milestones" against each of its milestones.
    for r in rows:
        if r["target_type"] not in ("all_goals", "all_milestones") or r["p_met"] == "insufficient_data":
            continue
        parts = [q for q in rows if q["scenario"] == r["scenario"] and q["p_met"] != "insufficient_data"
                 and (q["target_type"].startswith("goal_") if r["target_type"] == "all_goals"
                      else q["target_type"] == "milestone" and q["indicator"] == r["indicator"])]
        for q in parts:
            if float(r["p_met"]) > float(q["p_met"]) + 1e-9:
                return (f"{r['indicator']} {r['target_type']}: p_met {r['p_met']} above that of "
                        f"{q['indicator']} {q['target_type']} {q['year']} ({q['p_met']})")
    return None


QUANTILES = ["p05", "p10", "p25", "p50", "p75", "p90", "p95"]


def judge_evidence(out, folder):
    """The first year whose simulated figures leave the side of the evidence its row states
    (a lower bound or a stock's mid-year snapshot: no quantile below it; an upper bound: none
    above it), or whose quantiles are out of order; None otherwise. Only indicators without a
    children and not net changes, and children (since stop 64 a child keeps its own evidence under
    its parent); a parent only on its lower side: where reports conflict a parent is raised to
    its child, and a net change follows its stock, as `check` says."""
    rows = list(csv.DictReader(open(os.path.join(out, "forecasts.csv"), encoding="utf-8")))
    for f in rows:
        qs = [float(f[q]) for q in QUANTILES if f.get(q)]
        if any(b < a - 1e-9 * max(1.0, abs(a)) for a, b in zip(qs, qs[1:])):
            return f"{f['indicator']} {f['year']} ({f['scenario']}): quantiles out of order {qs}"
    if folder is None:
        return None
    inds = list(csv.DictReader(open(os.path.join(folder, "indicators.csv"), encoding="utf-8")))
    parents = {r["parent"] for r in inds if r["parent"]}
    kinds = {r["indicator"]: r["kind"] for r in inds}
    for o in csv.DictReader(open(os.path.join(folder, "observations.csv"), encoding="utf-8")):
        ind = o["indicator"]
        if ind not in kinds or kinds[ind] == "net_change":
            continue
        floor = o["quality"] == "lower_bound" or o["quality"] == "snapshot" and kinds[ind] == "stock"
        ceiling = o["quality"] == "upper_bound" and ind not in parents
        if not floor and not ceiling:
            continue
        x = float(o["value"])
        for f in rows:
            if f["indicator"] != ind or f["year"] != o["year"] or f["source"] not in ("bounded", "simulated"):
                continue
            qs = [float(f[q]) for q in QUANTILES if f.get(q)]
            tol = 1e-9 * max(1.0, abs(x))
            if floor and qs and min(qs) < x - tol or ceiling and qs and max(qs) > x + tol:
                side = "below its lower bound" if floor else "above its upper bound"
                return f"{ind} {o['year']} ({f['scenario']}): quantiles {qs} {side} {x} ({o['quality']})"
    return None


def self_test():
    """Each judgement fires on a planted contradiction (a checker that cannot fail is a defect)."""
    head = "scenario,indicator,name,target_type,year,target,direction,p_met,p_met_se,median,p05,p95,label\n"
    fhead = "scenario,indicator,year,observed,mean,p05,p10,p25,p50,p75,p90,p95,source\n"
    years = ("".join(f"b,x,{y},,10,8,,,10,,,12,simulated\n" for y in YEARS if y not in (2023, 2024))
             + "b,x,2023,,7,7,,,7,,,7,bounded\nb,x,2024,6,6,6,,,6,,,6,observed\n")
    planted = {
        "met with p_met": "b,x,X,milestone,2025,5,increase,0.5,0.01,6,4,8,met\n",
        "whose source is simulated": "b,x,X,milestone,2025,5,increase,1,0,10,9,11,met\n",
        "label likely": "b,x,X,milestone,2025,5,increase,0.2,0.01,6,4,8,likely\n",
        "whose source is observed": "b,x,X,milestone,2024,5,increase,1,0,6,6,6,very_likely\n",
        "whose every path": "b,x,X,milestone,2023,5,increase,1,0,7,7,7,very_likely\n",
        "on the met side": "b,x,X,milestone,2025,5,increase,0.5,0.01,8,6,9,about_as_likely_as_not\n",
        "on the missed side": "b,x,X,milestone,2025,50,increase,0.5,0.01,8,6,9,about_as_likely_as_not\n",
        "outside the yearly sums": "b,x,X,goal_cumulative,2025,30,increase,0.97,0.01,99,35,45,very_likely\n",
        "above that of": ("b,x,X,goal_cumulative,2025,30,increase,0.5,0.01,33,29.5,36.5,about_as_likely_as_not\n"
                          "b,all,all headline goals,all_goals,,1,increase,0.6,0.01,1,0,1,about_as_likely_as_not\n"),
        None: "b,x,X,goal_cumulative,2025,30,increase,0.97,0.01,33,29.5,36.5,very_likely\n",
    }
    with tempfile.TemporaryDirectory() as out:
        for expected, row in planted.items():
            with open(os.path.join(out, "attainment.csv"), "w") as f:
                f.write(head + row)
            with open(os.path.join(out, "forecasts.csv"), "w") as f:
                f.write(fhead + years)
            why = judge_outputs(out) or judge_evidence(out, None)
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: {expected or 'a consistent row'} -> {why}")
            if not ok:
                raise SystemExit(1)
    # The evidence's side: a lower bound of 9 under quantiles from 8, and quantiles out of order.
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "indicators.csv"), "w") as f:
            f.write("indicator,parent,kind\nx,,stock\n")
        with open(os.path.join(tmp, "observations.csv"), "w") as f:
            f.write("indicator,year,value,quality\nx,2025,9,lower_bound\n")
        for expected, cells in [("below its lower bound", years), ("out of order", years.replace(",8,", ",13,"))]:
            with open(os.path.join(tmp, "forecasts.csv"), "w") as f:
                f.write(fhead + cells)
            why = judge_evidence(tmp, tmp)
            ok = why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: {expected} -> {why}")
            if not ok:
                raise SystemExit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="shape-findings")
    ap.add_argument("--span", default="2022-2025", help="the plans' first and last year (default 2022-2025)")
    a = ap.parse_args()
    self_test()
    global YEARS, BASE
    first, last = map(int, a.span.split("-"))
    YEARS, BASE = list(range(first, last + 1)), first - 1
    rnd = random.Random(a.seed)
    findings = 0
    refused = 0
    for k in range(a.count):
        tmp = tempfile.mkdtemp(prefix="shape-")
        folder = os.path.join(tmp, "plan")
        plan(rnd, folder)
        # Every other plan runs with a baseline and a scenario of random levers.
        scenarios = ()
        if k % 2:
            base = os.path.join(folder, "baseline.yaml")
            with open(base, "w") as f:
                f.write("name: baseline\n")
            scenarios = (base, scenario(rnd, folder))
        try:
            why = judge(folder, os.path.join(tmp, "out"), a.binary, scenarios)
        except subprocess.TimeoutExpired as e:
            why = f"timeout: {e}"
        if why is None and not os.path.exists(os.path.join(tmp, "out")):
            refused += 1
        if why:
            findings += 1
            keep = os.path.join(a.keep, f"shape-{a.seed}-{k}")
            shutil.copytree(folder, keep, dirs_exist_ok=True)
            with open(os.path.join(keep, "why.txt"), "w") as f:
                f.write(why + "\n")
            print(f"finding {k}: {why}")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"shapes: {a.count} plans, {refused} refused (65 by both), {findings} findings")


if __name__ == "__main__":
    main()
