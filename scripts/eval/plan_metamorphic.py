#!/usr/bin/env python3
"""Metamorphic checks on random small plans: change the input in a way whose effect on the
answer is known, run again with the same seed, and compare.

plan_shapes.py judges one run by its own figures; some defects leave every run consistent with
itself and show only between two runs. For each random plan (plan_shapes.plan) this script runs
`run --seed 7` and then, on copies:

1. **order**: the rows of observations.csv reversed. Row order means nothing, so attainment.csv
   and forecasts.csv must be byte-identical.
2. **harder goal**: one numeric headline goal (final, every-year or cumulative rule) moved 20%
   against its direction. forecasts.csv must be byte-identical (a target does not change the
   paths); that goal's p_met may only fall (same paths, a higher bar) and the "all goals" row
   likewise; every other row is unchanged.
3. **units**: every value and target of a stock, flow, level or net change times 1,000 (the
   same plan counted in units instead of thousands). Both runs give those indicators a
   unit that is not a count (亿元): the rules of whole units rightly differ with the scale — a
   flow of 130 家 a year is Poisson around its forecast (a 9% chance, 0.3% at 130,000;
   PreparedScenario+Counts.swift), and a count is whole, so a milestone of 133 is met by
   133.4, a count of 133 (a 4% difference in P between "近134.41" and its thousandfold). Every
   row keeps its p_met within Monte Carlo noise (4 standard errors of the difference, plus
   0.01) and its verdicts.
4. **lever**: a baseline and a scenario that grows one indicator 5% a year faster from 2022
   (or, for a share, shifts it up 5%) in one run: the scenarios share their draws, so every
   milestone and goal of that indicator moves the way of the push (an increase target's p_met
   does not fall, a decrease target's does not rise), up to 3 standard errors of the
   difference plus 0.005 (Poisson counts of whole units redraw where the expected count moves).
5. **as of**: `--as-of Y` against the same plan with the observation rows after Y deleted:
   attainment and forecasts byte-identical (skipped where no row is left: a header alone is
   refused as a mistake, while `--as-of` before the first figure warns and runs).
6. **seed**: `--seed 8`. Every p_met within 5 standard errors of the difference (p_met_se is
   honest), verdicts (`met`/`not_met`, insufficient_data) unchanged.
7. **rename**: every indicator and driver id replaced by another (in reverse alphabetical order
   of the old ones, so sorting by id turns round) in every file. Nothing may depend on how an
   id is spelt: with the ids mapped back, every p_met within 5 standard errors of the
   difference, verdicts unchanged.
8. **crlf**: every CSV file written with a UTF-8 byte-order mark and CRLF line ends, plan.yaml
   with CRLF (as Excel and Windows editors save them): attainment and forecasts byte-identical.
9. **twin**: a random scenario (plan_shapes.scenario) and a copy of it under another name, run
   together after the baseline: the copy's rows of attainment.csv and forecasts.csv equal the
   original's (the scenarios share their draws, and a scenario's own random levers are drawn
   from the same stream whatever its name or place).
10. **inherit**: a random scenario and one that only inherits it (`inherits: what-if`, no
   levers of its own): the heir's rows equal its parent's, as for the twin.
11. **null**: a scenario of one to four levers that do nothing (growth of 0% a year, a level
   shift of 0%, volatility × 1, a shock of 0% or of probability 0, a driver path followed with
   elasticity 0) beside the baseline: its rows of attainment.csv equal the baseline's.
12. **flip**: one indicator that is nobody's parent or child turned from `increase` to
   `decrease` (or back) with the same targets. Its paths do not change (forecasts.csv
   byte-identical), and every target judged on one value (a milestone, a final, cumulative,
   growth or change goal) is met in one direction or the other on every path:
   p(increase) + p(decrease) = 1 + P(the value equals the target). The sum may not fall below 1,
   and rises above 1 only where the value can equal the target (a count, or a year settled at
   it).
13. **stated**: every exact value (`actual`, `estimate`) given explicit `lower` and `upper`
   columns equal to the interval Notebooks-data/README.md says it stands for (half a unit of its
   last written digit; an estimate at least ±2%), and every bound (and a stock's snapshot) the
   default reading's ends (X to 1.1·X, 0.9·X to X, a whole stock or flow at least one unit
   beyond, within the kind's range), in units that do not count (亿元 and %, as
   for `units`, in both runs): the outputs must not change (numbers within 1e-9 relative: the
   stated ends may differ from the computed ones in the last bit).
   **counted** does the same in the plan's own units, counts included, where the interval holds
   a whole number (stated ends that hold none are refused on purpose).
14. **swap**: the baseline and a random scenario given in the other order: each scenario's rows
   of attainment.csv and forecasts.csv are unchanged (a scenario's draws do not depend on its
   place on the command line).
15. **extra**: an indicator without observations (targets and a goal, nobody's parent or child)
   added to indicators.csv: its rows are insufficient_data and every other indicator's rows of
   attainment.csv and forecasts.csv are byte-identical (a series without data joins no batch
   and draws nothing).
16. **shift**: every year moved by the same K (K one of −7, 3, 10, 25): plan.yaml's first, last
   and base years, the target columns, the observations' years and `since`, and the years of a
   random scenario run beside the baseline. Nothing may depend on the calendar: with the years
   of the outputs moved back (year, evidence, even_odds_from and the forecasts' year), attainment.csv
   and forecasts.csv must be byte-identical.
17. **shard**: the baseline and a random scenario run whole, and cut into N = 2, 3 or 5 shards
   (`--shard K/N`, one process each) joined by `merge`: attainment.csv and forecasts.csv
   byte-identical (merge promises the unsharded output).
18. **threads**: the baseline and a random scenario with `--threads 1` and `--threads 3` against
   the default (every core), sensitivity included: attainment.csv, forecasts.csv and
   sensitivity.csv byte-identical (the help promises it).

    python3 scripts/eval/plan_metamorphic.py BINARY COUNT [--seed N] [--keep DIR] [--plan DIR] [--only R,R]

With `--plan DIR` every round takes that plan (the bundled one: Notebooks-data/kunshan-2022-2025)
instead of a random one: a different goal made harder and indicator pushed each round. Any plan
headed in English will do, the README's minimal one too: its years come from plan.yaml, and the
optional columns it leaves out (unit, parent, quality, lower, upper, …) and a drivers.csv of no
drivers are added empty, which the tool reads as leaving them out.

Seeded; findings are kept in DIR/meta-<seed>-<k>-<relation>/ with why.txt (the plan before and
after the change).
"""
import argparse
import csv
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_shapes  # noqa: E402
from plan_shapes import plan, scenario  # noqa: E402

SCALED = {"stock", "flow", "level", "net_change"}
COUNTING = {"名", "个", "家", "人", "项", "件", "套"}  # the units plan_shapes writes (all in countUnits)
YEARS = [2022, 2023, 2024, 2025]  # the plan's years; --plan sets them from its plan.yaml
# Columns a plan may leave out (README "Your own plan"); the relations write into them, so a
# --plan folder gets them empty, which the tool reads as leaving them out.
OPTIONAL = {"indicators.csv": ["unit", "parent", "row", "name_zh", "name_en", "category"],
            "observations.csv": ["quality", "lower", "upper", "source", "url"],
            "drivers.csv": ["unit", "name_zh", "name_en"]}


def plan_years(folder):
    """The plan's years from plan.yaml's first_year and last_year (plain `key: value` lines)."""
    years = {}
    for line in read(os.path.join(folder, "plan.yaml")).splitlines():
        m = re.match(r"\s*(first_year|last_year)\s*:\s*(\d{4})\s*$", line)
        if m:
            years[m.group(1)] = int(m.group(2))
    return list(range(years["first_year"], years["last_year"] + 1))


def with_optional_columns(folder):
    """Adds the optional columns a plan left out, empty, and a drivers.csv of no drivers."""
    if not os.path.exists(os.path.join(folder, "drivers.csv")):
        write_table(os.path.join(folder, "drivers.csv"), [["indicator", "kind"]])
    for name, columns in OPTIONAL.items():
        path = os.path.join(folder, name)
        t = table(path)
        missing = [c for c in columns if c not in t[0]]
        write_table(path, [t[0] + missing] + [r + [""] * len(missing) for r in t[1:]])


def run(binary, folder, out, seed=7, scenarios=(), extra=()):
    r = subprocess.run([binary, "run", "--plan", folder, "--paths", "4000", "--no-sensitivity", "--seed", str(seed),
                        "--out", out, "--lang", "en", "--force", *extra, *scenarios], capture_output=True,
                       text=True, timeout=300)
    return r


def rows(out):
    table = list(csv.DictReader(open(os.path.join(out, "attainment.csv"), encoding="utf-8")))
    return {(r["scenario"], r["indicator"], r["target_type"], r["year"]): r for r in table}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def table(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_table(path, t):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(t)


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def se_of(r):
    return float(r["p_met_se"]) if r["p_met_se"] not in ("", "insufficient_data") else 0.0


def reorder(folder):
    t = table(os.path.join(folder, "observations.csv"))
    write_table(os.path.join(folder, "observations.csv"), t[:1] + t[1:][::-1])
    return "observations.csv rows reversed"


def harden(folder, rnd):
    """Moves one numeric goal 20% against its direction; returns (indicator, direction) or None."""
    path = os.path.join(folder, "indicators.csv")
    t = table(path)
    h = t[0]
    col = {c: h.index(c) for c in ("indicator", "kind", "direction", "headline_rule", "headline_goal")}
    picks = []
    for k, r in enumerate(t[1:], 1):
        g = number(r[col["headline_goal"]])
        if r[col["headline_rule"]] in ("final", "every_year", "cumulative") and g is not None and g != 0:
            up = r[col["direction"]] == "increase"
            new = g + (0.2 if up else -0.2) * abs(g)
            if r[col["kind"]] == "share" and not 0 < new < 100:
                continue
            picks.append((k, new))
    if not picks:
        return None
    k, new = rnd.choice(picks)
    t[k][col["headline_goal"]] = f"{new:.4f}"
    write_table(path, t)
    return t[k][col["indicator"]], t[k][col["direction"]]


def uncounted(folder):
    """Gives every stock, flow, level and net change a unit that is not a count (亿元)."""
    ipath = os.path.join(folder, "indicators.csv")
    t = table(ipath)
    ck, cu = t[0].index("kind"), t[0].index("unit")
    for r in t[1:]:
        if r[ck] in SCALED:
            r[cu] = "亿元"
    write_table(ipath, t)


def scale(folder):
    """Multiplies every figure of a stock, flow, level or net change by 1,000."""
    ipath, opath = os.path.join(folder, "indicators.csv"), os.path.join(folder, "observations.csv")
    t, o = table(ipath), table(opath)
    h = t[0]
    ci, ck, cg = h.index("indicator"), h.index("kind"), h.index("headline_goal")
    cr = h.index("headline_rule")
    targets = [h.index(f"target_{y}") for y in YEARS]
    kinds = {r[ci]: r[ck] for r in t[1:]}
    for r in t[1:]:
        if kinds[r[ci]] not in SCALED:
            continue
        cells = targets + ([cg] if r[cr] not in ("growth", "change") else [])
        for c in cells:
            v = number(r[c])
            if v is not None:
                r[c] = repr(round(v * 1000, 6))
    for r in o[1:]:
        if kinds.get(r[0]) in SCALED:
            r[2] = repr(round(float(r[2]) * 1000, 6))
    write_table(ipath, t)
    write_table(opath, o)


def lever(folder, rnd):
    """Writes baseline.yaml and push.yaml (one indicator pushed up); returns the indicator and
    the two paths, or None when the plan has nothing to push."""
    t = table(os.path.join(folder, "indicators.csv"))
    h = t[0]
    ci, ck = h.index("indicator"), h.index("kind")
    picks = [r for r in t[1:] if r[ck] != "net_change"]
    if not picks:
        return None
    r = rnd.choice(picks)
    base, push = os.path.join(folder, "baseline.yaml"), os.path.join(folder, "push.yaml")
    with open(base, "w") as f:
        f.write("name: baseline\n")
    with open(push, "w") as f:
        if r[ck] == "share":
            f.write(f"name: push\nlevel_shifts:\n  - indicators: [{r[ci]}]\n    year: {YEARS[0]}\n    percent: 5\n")
        else:
            f.write(f"name: push\ngrowth:\n  - indicators: [{r[ci]}]\n    from: {YEARS[0]}\n    percent_per_year: 5\n")
    return r[ci], base, push


def compare_lever(out, ind):
    table_ = rows(out)
    for key, x in table_.items():
        if key[0] != "push" or key[1] != ind or key[2].startswith("all_"):
            continue
        y = table_.get(("baseline",) + key[1:])
        if y is None:
            return f"{key}: no baseline row"
        if (x["p_met"] == "insufficient_data") != (y["p_met"] == "insufficient_data"):
            return f"{key}: {y['p_met']} in the baseline, {x['p_met']} pushed"
        if x["p_met"] == "insufficient_data":
            continue
        up = x["direction"] == "increase"
        d = float(x["p_met"]) - float(y["p_met"])
        tol = 3 * math.hypot(se_of(x), se_of(y)) + 0.005
        if (d < -tol) if up else (d > tol):
            return (f"{key}: p_met {y['p_met']} in the baseline, {x['p_met']} with {ind} pushed up "
                    f"({x['direction']} target {x['target']})")
    return None


def rename(folder):
    """Replaces every indicator and driver id, reversing their alphabetical order; returns the
    map from new id to old."""
    ids = []
    for name in ("indicators.csv", "drivers.csv"):
        ids += [r[0] for r in table(os.path.join(folder, name))[1:]]
    new = {old: f"q{len(ids) - k:02d}_{old}_id" for k, old in enumerate(sorted(ids))}
    for name, columns in (("indicators.csv", ("indicator", "parent")), ("drivers.csv", ("indicator",)),
                          ("observations.csv", ("indicator",))):
        path = os.path.join(folder, name)
        t = table(path)
        cols = [t[0].index(c) for c in columns]
        for r in t[1:]:
            for c in cols:
                r[c] = new.get(r[c], r[c])
        write_table(path, t)
    return {v: k for k, v in new.items()}


def unrenamed(out, back):
    """attainment.csv of `out` with its indicator ids mapped back (in place)."""
    path = os.path.join(out, "attainment.csv")
    t = table(path)
    ci = t[0].index("indicator")
    for r in t[1:]:
        r[ci] = back.get(r[ci], r[ci])
    write_table(path, t)


def windows_files(folder):
    """Rewrites every CSV with a byte-order mark and CRLF line ends, plan.yaml with CRLF."""
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if name.endswith(".csv") or name == "plan.yaml":
            text = read(path).replace("\r\n", "\n").replace("\n", "\r\n")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(("\ufeff" if name.endswith(".csv") else "") + text)


def twin(folder, rnd):
    """Writes baseline.yaml, a random what-if.yaml and twin.yaml (the same levers under another
    name); returns the three paths."""
    path = scenario(rnd, folder)
    text = read(path)
    twin_path = os.path.join(folder, "twin.yaml")
    with open(twin_path, "w", encoding="utf-8") as f:
        f.write(text.replace("name: what-if", "name: twin", 1))
    base = os.path.join(folder, "baseline.yaml")
    with open(base, "w") as f:
        f.write("name: baseline\n")
    return base, path, twin_path


def null(folder, rnd):
    """Writes baseline.yaml and null.yaml (levers that move nothing); returns the two paths."""
    ids = [r[0] for r in table(os.path.join(folder, "indicators.csv"))[1:]]
    drivers = [r[0] for r in table(os.path.join(folder, "drivers.csv"))[1:]]
    kinds = {"growth": [], "level_shifts": [], "volatility": [], "shocks": [], "drivers": []}
    choices = list(kinds) if drivers else list(kinds)[:-1]
    for k in range(rnd.randint(1, 4)):
        kind = rnd.choice(choices)
        picked = ", ".join(rnd.sample(ids, rnd.randint(1, len(ids))))
        year = rnd.choice(YEARS)
        if kind == "growth":
            item = [f"  - name: null{k}", f"    indicators: [{picked}]", f"    from: {year}",
                    f"    percent_per_year: {rnd.choice(['0', '0%', '{fixed: 0}'])}"]
        elif kind == "level_shifts":
            item = [f"  - name: null{k}", f"    indicators: [{picked}]", f"    year: {year}", "    percent: 0"]
        elif kind == "volatility":
            item = [f"  - name: null{k}", f"    indicators: [{picked}]", "    scale: 1"]
        elif kind == "shocks":
            p, amount = rnd.choice([("0", "-20"), ("0.5", "0"), ("1", "0")])
            item = [f"  - name: null{k}", f"    indicators: [{picked}]", f"    year: {year}",
                    f"    probability: {p}", f"    percent: {amount}"]
        else:
            if kinds["drivers"]:
                continue
            item = [f"  - driver: {drivers[0]}", f"    growth_percent: {{{year}: 9}}", "    affects:",
                    f"      - indicators: [{picked}]", "        elasticity: 0"]
        kinds[kind].append("\n".join(item))
    lines = ["name: nothing"]
    for kind, items in kinds.items():
        if items:
            lines += [f"{kind}:"] + items
    base, path = os.path.join(folder, "baseline.yaml"), os.path.join(folder, "nothing.yaml")
    with open(base, "w") as f:
        f.write("name: baseline\n")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return base, path


def compare_null(out):
    """The rows of scenario null equal the baseline's in attainment.csv."""
    t = table(os.path.join(out, "attainment.csv"))
    cs = t[0].index("scenario")
    own = {}
    for r in t[1:]:
        own.setdefault(r[cs], []).append(tuple(c for k, c in enumerate(r) if k != cs))
    a, b = own.get("baseline") or [], own.get("nothing") or []
    if a != b:
        diff = next((f"{x} → {y}" for x, y in zip(a, b) if x != y), f"{len(a)} rows → {len(b)}")
        return f"attainment.csv: a scenario of levers that move nothing differs from the baseline: {diff}"
    return None


def heir(folder, rnd):
    """Writes baseline.yaml, a random what-if.yaml and twin.yaml that only inherits it."""
    base, path, twin_path = twin(folder, rnd)
    with open(twin_path, "w", encoding="utf-8") as f:
        f.write("name: twin\ninherits: what-if\n")
    return base, path, twin_path


def compare_twin(out):
    """The rows of scenario twin equal those of what-if in attainment.csv and forecasts.csv."""
    for name in ("attainment.csv", "forecasts.csv"):
        t = table(os.path.join(out, name))
        cs = t[0].index("scenario")
        own = {}
        for r in t[1:]:
            key = tuple(c for k, c in enumerate(r) if k != cs)
            own.setdefault(r[cs], []).append(key)
        if own.get("twin") != own.get("what-if"):
            a, b = own.get("what-if") or [], own.get("twin") or []
            diff = next((f"{x} → {y}" for x, y in zip(a, b) if x != y), f"{len(a)} rows → {len(b)}")
            return f"{name}: scenario twin differs from what-if, its copy: {diff}"
    return None


COMPLEMENT = {"milestone", "goal_final", "goal_cumulative", "goal_growth", "goal_change"}


def flip(folder, rnd):
    """Turns one unlinked indicator's direction round; returns (indicator, its unit) or None."""
    path = os.path.join(folder, "indicators.csv")
    t = table(path)
    h = t[0]
    ci, cp, cd, cu = h.index("indicator"), h.index("parent"), h.index("direction"), h.index("unit")
    parents = {r[cp] for r in t[1:] if r[cp]}
    picks = [r for r in t[1:] if not r[cp] and r[ci] not in parents]
    if not picks:
        return None
    r = rnd.choice(picks)
    r[cd] = "decrease" if r[cd] == "increase" else "increase"
    write_table(path, t)
    return r[ci], r[cu]


def compare_flip(a, b, ind, unit):
    if read(os.path.join(a, "forecasts.csv")) != read(os.path.join(b, "forecasts.csv")):
        return f"forecasts.csv changed when only the direction of {ind} turned"
    ra, rb = rows(a), rows(b)
    if ra.keys() != rb.keys():
        return f"attainment rows differ in keys after turning the direction of {ind}"
    for key, x in ra.items():
        if key[1] != ind or key[2] not in COMPLEMENT:
            continue
        y = rb[key]
        if (x["p_met"] == "insufficient_data") != (y["p_met"] == "insufficient_data"):
            return f"{key}: {x['p_met']} → {y['p_met']} after turning the direction"
        if x["p_met"] == "insufficient_data":
            continue
        total = float(x["p_met"]) + float(y["p_met"])
        tie = unit in COUNTING or (x["label"] == "met" and y["label"] == "met")
        if total < 1 - 2e-6 or (not tie and total > 1 + 2e-6):
            return (f"{key}: p_met {x['p_met']} ({x['direction']}, {x['label']}) and {y['p_met']} "
                    f"({y['direction']}, {y['label']}) sum to {total:.6f}, target {x['target']}")
    return None


def stated(folder, widen=1.0):
    """Gives every exact value explicit lower and upper columns equal to the interval the README
    says it stands for; returns how many rows."""
    path = os.path.join(folder, "observations.csv")
    t = table(path)
    h = t[0]
    cv, cq, ci = h.index("value"), h.index("quality"), h.index("indicator")
    kinds, units = {}, {}
    for name in ("indicators.csv", "drivers.csv"):
        d = table(os.path.join(folder, name))
        kinds.update({x[0]: x[d[0].index("kind")] for x in d[1:]})
        units.update({x[0]: x[d[0].index("unit")] for x in d[1:]})

    def holds_whole(ind, lo, hi):
        # Stated ends that hold no whole number of a count are refused on purpose (README).
        return units.get(ind) not in COUNTING or math.ceil(lo) <= math.floor(hi)
    for c in ("lower", "upper"):
        if c not in h:
            h.append(c)
            for r in t[1:]:
                r.append("")
    cl, cu = h.index("lower"), h.index("upper")
    n = 0
    for r in t[1:]:
        r += [""] * (len(h) - len(r))
        text = r[cv].strip()
        if "e" in text.lower() or r[cl] or r[cu]:
            continue
        v = float(text)
        kind = kinds.get(r[ci])
        if r[cq] in ("lower_bound", "upper_bound") or r[cq] == "snapshot" and kind == "stock":
            # The default reading: 10% of the figure's size beyond it, a whole stock or flow at
            # least one unit, inside the kind's range (a share short of 100).
            unit = 1.0 if kind in ("stock", "flow") and v == round(v) else 0.0
            far, near = (1.1, 0.9) if v >= 0 else (0.9, 1.1)
            lo, hi = (v, max(v * far, v + unit)) if r[cq] != "upper_bound" else (min(v * near, v - unit), v)
            if kind == "share":
                lo, hi = max(lo, 0.0), min(hi, 100 * (1 - 1e-6))
            elif kind in ("stock", "flow", "level"):
                lo = max(lo, 0.0)
            if holds_whole(r[ci], lo, hi):
                r[cl], r[cu] = repr(lo), repr(hi)
                n += 1
            continue
        if r[cq] not in ("actual", "estimate"):
            continue
        if "." in text:
            half = 0.5 * 10 ** -len(text.split(".")[1])
        else:
            digits = text.lstrip("-").lstrip("0")
            significant = len(digits.rstrip("0"))
            half = 0.5 * 10 ** max(0, len(digits) - max(significant, 2))
        reach = max(half, 0.02 * abs(v)) if r[cq] == "estimate" else half
        if holds_whole(r[ci], v - widen * reach, v + widen * reach):
            r[cl], r[cu] = repr(v - widen * reach), repr(v + widen * reach)
            n += 1
    write_table(path, t)
    return n


def compare_close(a, b, what):
    """attainment.csv and forecasts.csv equal but for numbers within 1e-9 (relative)."""
    for name in ("attainment.csv", "forecasts.csv"):
        ta, tb = table(os.path.join(a, name)), table(os.path.join(b, name))
        if len(ta) != len(tb):
            return f"{name}: {len(ta)} rows → {len(tb)} ({what})"
        for x, y in zip(ta, tb):
            for u, v in zip(x, y):
                if u == v:
                    continue
                nu, nv = number(u), number(v)
                if nu is None or nv is None or abs(nu - nv) > 1e-9 * max(1.0, abs(nu)):
                    return f"{name}: {x} → {y} ({what})"
    return None


def by_scenario(out, name):
    """The rows of `name` (attainment.csv or forecasts.csv) by scenario, scenario column removed."""
    t = table(os.path.join(out, name))
    cs = t[0].index("scenario")
    own = {}
    for r in t[1:]:
        own.setdefault(r[cs], []).append(tuple(c for k, c in enumerate(r) if k != cs))
    return own


def compare_swap(a, b):
    for name in ("attainment.csv", "forecasts.csv"):
        x, y = by_scenario(a, name), by_scenario(b, name)
        if x.keys() != y.keys():
            return f"{name}: scenarios {sorted(x)} → {sorted(y)} with the order swapped"
        for sc in x:
            if x[sc] != y[sc]:
                diff = next((f"{u} → {v}" for u, v in zip(x[sc], y[sc]) if u != v), f"{len(x[sc])} rows → {len(y[sc])}")
                return f"{name}: scenario {sc} changed with the scenarios' order swapped: {diff}"
    return None


def extra(folder, rnd):
    """Adds an indicator without observations; returns its id."""
    path = os.path.join(folder, "indicators.csv")
    t = table(path)
    h = t[0]
    row = {c: "" for c in h}
    kind = rnd.choice(["stock", "flow", "share", "level"])
    row.update({"indicator": "zz_no_data", "row": str(len(t)), "name_zh": "无数据", "name_en": "No data",
                "category": "科创企业", "kind": kind, "unit": "%" if kind == "share" else "家",
                "direction": rnd.choice(["increase", "decrease"]), "headline_rule": "final", "headline_goal": "40"})
    for y in YEARS:
        row[f"target_{y}"] = str(10 + 5 * (y - YEARS[0]))
    t.append([row[c] for c in h])
    write_table(path, t)
    return "zz_no_data"


def compare_extra(a, b, added):
    for name in ("attainment.csv", "forecasts.csv"):
        ta, tb = table(os.path.join(a, name)), table(os.path.join(b, name))
        ci = ta[0].index("indicator")
        ct = ta[0].index("target_type") if "target_type" in ta[0] else None
        keep = [r for r in tb[1:] if r[ci] != added and (ct is None or not r[ct].startswith("all_"))]
        base = [r for r in ta[1:] if ct is None or not r[ct].startswith("all_")]
        if keep != base:
            diff = next((f"{u} → {v}" for u, v in zip(base, keep) if u != v), f"{len(base)} rows → {len(keep)}")
            return f"{name}: other indicators' rows changed with an indicator without data added: {diff}"
        if name == "attainment.csv":
            cp = ta[0].index("p_met")
            bad = [r for r in tb[1:] if r[ci] == added and r[cp] != "insufficient_data"]
            if bad:
                return f"attainment.csv: the indicator without data has p_met {bad[0][cp]} ({bad[0]})"
    return None


def truncate(folder, year):
    t = table(os.path.join(folder, "observations.csv"))
    yi = t[0].index("year")
    kept = [r for r in t[1:] if int(r[yi]) <= year]
    write_table(os.path.join(folder, "observations.csv"), t[:1] + kept)
    return len(kept)


def compare_order(a, b, what="when the observation rows were reversed"):
    for name in ("attainment.csv", "forecasts.csv"):
        x, y = read(os.path.join(a, name)).splitlines(), read(os.path.join(b, name)).splitlines()
        if x != y:
            first = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            return (f"{name} changed {what} (line {first + 1}: "
                    f"{x[first] if first < len(x) else '<none>'!r} → {y[first] if first < len(y) else '<none>'!r})")
    return None


def compare_harder(a, b, goal):
    ind, direction = goal
    if read(os.path.join(a, "forecasts.csv")) != read(os.path.join(b, "forecasts.csv")):
        return f"forecasts.csv changed when only the goal of {ind} moved"
    ra, rb = rows(a), rows(b)
    if ra.keys() != rb.keys():
        return f"attainment rows differ in keys after moving the goal of {ind}"
    for key, x in ra.items():
        y = rb[key]
        moved = key[1] == ind and key[2].startswith("goal_") or key[2] == "all_goals"
        if not moved:
            if x != y:
                return f"{key}: changed ({x['p_met']} → {y['p_met']}) though only the goal of {ind} moved"
            continue
        if key[2] != "all_goals" and key[1] == ind and x["target"] == y["target"]:
            return f"{key}: target {x['target']} unchanged after moving the goal"
        if x["p_met"] == "insufficient_data" or y["p_met"] == "insufficient_data":
            if x["p_met"] != y["p_met"]:
                return f"{key}: {x['p_met']} → {y['p_met']} after moving the goal"
            continue
        if float(y["p_met"]) > float(x["p_met"]) + 1e-12:
            return f"{key}: p_met rose {x['p_met']} → {y['p_met']} with the {direction} goal made harder"
    return None


def compare_noise(a, b, only=None, sigmas=4.0, slack=0.01, what="scaled"):
    ra, rb = rows(a), rows(b)
    if ra.keys() != rb.keys():
        return f"attainment rows differ in keys ({what})"
    for key, x in ra.items():
        if only is not None and key[1] not in only:
            continue
        y = rb[key]
        if (x["p_met"] == "insufficient_data") != (y["p_met"] == "insufficient_data"):
            return f"{key}: {x['p_met']} → {y['p_met']} ({what})"
        if x["p_met"] == "insufficient_data":
            continue
        if x["label"] in ("met", "not_met") or y["label"] in ("met", "not_met"):
            if x["label"] != y["label"]:
                return f"{key}: label {x['label']} → {y['label']} ({what})"
            continue
        d = abs(float(x["p_met"]) - float(y["p_met"]))
        tol = sigmas * math.hypot(se_of(x), se_of(y)) + slack
        if d > tol:
            return (f"{key}: p_met {x['p_met']} (se {x['p_met_se']}) → {y['p_met']} (se {y['p_met_se']}), "
                    f"beyond {tol:.4f} ({what})")
    return None


def self_test():
    """Each comparison fires on a planted difference (a checker that cannot fail is a defect)."""
    head = "scenario,indicator,name,target_type,year,target,direction,p_met,p_met_se,median,p05,p95,label\n"
    row = "b,x,X,goal_final,2025,{t},increase,{p},{se},6,4,8,{label}\n"
    fc = "scenario,indicator,year,mean\nb,x,2025,6\n"
    cases = [
        ("rose", lambda a, b: compare_harder(a, b, ("x", "increase")),
         row.format(t=5, p=0.5, se=0.01, label="about_as_likely_as_not"),
         row.format(t=6, p=0.6, se=0.01, label="about_as_likely_as_not")),
        ("beyond", lambda a, b: compare_noise(a, b),
         row.format(t=5, p=0.5, se=0.01, label="about_as_likely_as_not"),
         row.format(t=5, p=0.7, se=0.01, label="likely")),
        ("label", lambda a, b: compare_noise(a, b),
         row.format(t=5, p=1, se=0, label="met"),
         row.format(t=5, p=0.999, se=0.001, label="very_likely")),
        ("pushed up", lambda a, b: compare_lever(b, "x"), "",
         row.replace("b,", "baseline,", 1).format(t=5, p=0.6, se=0.01, label="about_as_likely_as_not")
         + row.replace("b,", "push,", 1).format(t=5, p=0.4, se=0.01, label="about_as_likely_as_not")),
        (None, lambda a, b: compare_noise(a, b),
         row.format(t=5, p=0.5, se=0.01, label="about_as_likely_as_not"),
         row.format(t=5, p=0.52, se=0.01, label="about_as_likely_as_not")),
    ]
    # shift: years in text move, other numbers stay; a year left unmoved is flagged.
    for text, k, want in [("weak:n=2,2013-2019,qualified=2", 10, "weak:n=2,2023-2029,qualified=2"),
                          ("3.2019,20190,1799,2300", 10, "3.2019,20190,1799,2300"), ("2025", -7, "2018")]:
        got = shift_years(text, k)
        print(f"self-test {'ok' if got == want else 'FAILED'}: shift {text!r} by {k} -> {got!r}")
        if got != want:
            raise SystemExit(1)
    with tempfile.TemporaryDirectory() as tmp:
        for moved, expected in ((2035, None), (2025, "forecasts.csv changed")):
            a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
            attained = head.replace("label\n", "label,evidence\n") + row.format(t=5, p=0.5, se=0.01, label="x")
            for d, year, fyear, ev in ((a, 2025, 2025, "2013-2019"), (b, 2035, moved, "2023-2029")):
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "attainment.csv"), "w") as f:
                    f.write(attained.replace("2025", str(year)).replace("x\n", f'x,"weak:n=2,{ev}"\n'))
                with open(os.path.join(d, "forecasts.csv"), "w") as f:
                    f.write(f"scenario,indicator,year,mean\nb,x,{fyear},6\n")
            unshifted(b, 10)
            unshifted(a, 0)
            why = compare_order(a, b, "shifted")
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: shift {expected or 'moved back'} -> {why}")
            if not ok:
                raise SystemExit(1)
    with tempfile.TemporaryDirectory() as tmp:
        for expected, compare, before, after in cases:
            a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
            for d, text in ((a, before), (b, after)):
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "attainment.csv"), "w") as f:
                    f.write(head + text)
                with open(os.path.join(d, "forecasts.csv"), "w") as f:
                    f.write(fc)
            why = compare(a, b)
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: {expected or 'within noise'} -> {why}")
            if not ok:
                raise SystemExit(1)
        # flip: a sum below 1, or above 1 for a value that cannot equal the target, is a finding.
        for expected, p_dec, unit in (("sum to 0.9", 0.3, "%"), ("sum to 1.1", 0.5, "%"), (None, 0.5, "家"),
                                      (None, 0.4, "%")):
            a, b = os.path.join(tmp, "fa"), os.path.join(tmp, "fb")
            for d, text in ((a, row.format(t=5, p=0.6, se=0.01, label="x")),
                            (b, row.replace("increase", "decrease").format(t=5, p=p_dec, se=0.01, label="x"))):
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "attainment.csv"), "w") as f:
                    f.write(head + text)
                with open(os.path.join(d, "forecasts.csv"), "w") as f:
                    f.write(fc)
            why = compare_flip(a, b, "x", unit)
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: flip {expected or 'complements'} -> {why}")
            if not ok:
                raise SystemExit(1)
        # stated: a number beyond 1e-9 relative is a finding, one within it is not.
        for expected, median in (("intervals stated", "6.0001"), (None, "6.000000000001")):
            a, b = os.path.join(tmp, "sa"), os.path.join(tmp, "sb")
            for d, m in ((a, "6"), (b, median)):
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "attainment.csv"), "w") as f:
                    f.write(head + row.format(t=5, p=0.6, se=0.01, label="x"))
                with open(os.path.join(d, "forecasts.csv"), "w") as f:
                    f.write(f"scenario,indicator,year,mean\nb,x,2025,{m}\n")
            why = compare_close(a, b, "intervals stated")
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: stated {expected or 'within 1e-9'} -> {why}")
            if not ok:
                raise SystemExit(1)
        # swap and extra: a changed row of a scenario or of another indicator is a finding.
        for expected, p_other in (("changed", 0.7), (None, 0.6)):
            a, b = os.path.join(tmp, "wa"), os.path.join(tmp, "wb")
            for d, text in ((a, row.format(t=5, p=0.6, se=0.01, label="x")),
                            (b, row.format(t=5, p=p_other, se=0.01, label="x")
                             + row.replace("b,x,", "b,zz_no_data,").format(t=5, p="insufficient_data", se="",
                                                                          label="insufficient_data"))):
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, "attainment.csv"), "w") as f:
                    f.write(head + text)
                with open(os.path.join(d, "forecasts.csv"), "w") as f:
                    f.write(fc)
            for what, why in (("swap", compare_swap(a, b)), ("extra", compare_extra(a, b, "zz_no_data"))):
                if what == "swap" and expected is None:
                    continue  # the added indicator's row is itself a change of scenario b
                ok = why is None if expected is None else why is not None and expected in why
                print(f"self-test {'ok' if ok else 'FAILED'}: {what} {expected or 'unchanged'} -> {why}")
                if not ok:
                    raise SystemExit(1)
        for expected, p_twin in (("differs", 0.6), (None, 0.5)):
            d = os.path.join(tmp, "twin")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "attainment.csv"), "w") as f:
                f.write(head + row.replace("b,", "what-if,", 1).format(t=5, p=0.5, se=0.01, label="x")
                        + row.replace("b,", "twin,", 1).format(t=5, p=p_twin, se=0.01, label="x"))
            with open(os.path.join(d, "forecasts.csv"), "w") as f:
                f.write("scenario,indicator,year,mean\nwhat-if,x,2025,6\ntwin,x,2025,6\n")
            why = compare_twin(d)
            ok = why is None if expected is None else why is not None and expected in why
            print(f"self-test {'ok' if ok else 'FAILED'}: twin {expected or 'equal'} -> {why}")
            if not ok:
                raise SystemExit(1)


YEAR = re.compile(r"(?<![0-9.])(1[89][0-9][0-9]|2[0-2][0-9][0-9])(?![0-9]|\.[0-9])")


def shift_years(text, k):
    """Every year (1800–2299) written in `text` moved by k."""
    return YEAR.sub(lambda m: str(int(m.group(1)) + k), text)


def shift(folder, k, scenario_path):
    """Moves every year of the plan folder, and of the scenario file, by k."""
    path = os.path.join(folder, "plan.yaml")
    text = read(path)
    for key in ("first_year", "last_year", "base_year"):
        text = re.sub(rf"^{key}: *([0-9]+)", lambda m: f"{key}: {int(m.group(1)) + k}", text, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    path = os.path.join(folder, "indicators.csv")
    t = table(path)
    t[0] = [f"target_{int(c[7:]) + k}" if re.fullmatch(r"target_[0-9]{4}", c) else c for c in t[0]]
    write_table(path, t)
    path = os.path.join(folder, "observations.csv")
    t = table(path)
    cols = [t[0].index(c) for c in ("year", "since") if c in t[0]]
    for r in t[1:]:
        for c in cols:
            if r[c].strip():
                r[c] = str(int(r[c]) + k)
    write_table(path, t)
    text = read(scenario_path)
    # Years appear as `year: Y`, `from: Y` and as keys of a driver's yearly path `{Y: …}`.
    text = re.sub(r"((?:year|from): *)([0-9]{4})", lambda m: m.group(1) + str(int(m.group(2)) + k), text)
    text = re.sub(r"([{,] *)([0-9]{4})(: )", lambda m: m.group(1) + str(int(m.group(2)) + k) + m.group(3), text)
    with open(scenario_path, "w", encoding="utf-8") as f:
        f.write(text)


def unshifted(out, k):
    """attainment.csv and forecasts.csv of `out` with their years moved back by k (in place)."""
    for name, columns in (("attainment.csv", ("year", "evidence", "even_odds_from")), ("forecasts.csv", ("year",))):
        path = os.path.join(out, name)
        t = table(path)
        cols = [t[0].index(c) for c in columns if c in t[0]]
        for r in t[1:]:
            for c in cols:
                r[c] = shift_years(r[c], -k)
        write_table(path, t)


def failed(r, what):
    """Why a run that should have succeeded did not, or None."""
    return None if r.returncode == 0 else f"run exit {r.returncode} {what}: {r.stderr[-400:]}"


class Round:
    """One plan's base run and the folders a relation works in."""

    def __init__(self, binary, tmp, folder, rnd):
        self.binary, self.tmp, self.folder, self.rnd = binary, tmp, folder, rnd
        self.base = os.path.join(tmp, "base")

    def path(self, name):
        return os.path.join(self.tmp, name)

    def run(self, folder, out_name, **options):
        return run(self.binary, folder, self.path(out_name), **options)


# Each relation changes the copy `changed` of the plan, runs it and compares; it returns None
# (consistent), a reason (a finding), or SKIP (nothing to change in this plan).
SKIP = object()


def check_order(r, changed):
    reorder(changed)
    return failed(r.run(changed, "out"), "after reversing the rows") or compare_order(r.base, r.path("out"))


def check_harder(r, changed):
    goal = harden(changed, r.rnd)
    if goal is None:
        return SKIP
    return failed(r.run(changed, "out"), "after moving a goal") or compare_harder(r.base, r.path("out"), goal)


def check_units(r, changed):
    uncounted(changed)
    unscaled = r.path("units-base")
    shutil.copytree(changed, unscaled)
    reference = r.run(unscaled, "units-base-out")
    scale(changed)
    return (failed(reference, "with the units renamed only") or failed(r.run(changed, "out"), "with figures × 1000")
            or compare_noise(r.path("units-base-out"), r.path("out"), what="figures × 1000"))


def check_lever(r, changed):
    pushed = lever(changed, r.rnd)
    if pushed is None:
        return SKIP
    return (failed(r.run(changed, "out", scenarios=pushed[1:]), "with a push")
            or compare_lever(r.path("out"), pushed[0]))


def check_asof(r, changed):
    # Judged against the --as-of run, refusals included.
    year = r.rnd.choice([YEARS[0] - 2, YEARS[0] - 1, YEARS[0], YEARS[0] + 1])
    if not truncate(changed, year):
        return SKIP  # an observations.csv of a header alone is refused (exit 65) on purpose
    cut = r.run(r.folder, "asof-cut", extra=("--as-of", str(year)))
    deleted = r.run(changed, "out")
    if cut.returncode != deleted.returncode:
        return f"--as-of {year} exit {cut.returncode}, rows after {year} deleted exit {deleted.returncode}"
    if cut.returncode != 0:
        return None
    return compare_order(r.path("asof-cut"), r.path("out"), f"between --as-of {year} and the rows after {year} deleted")


def check_rename(r, changed):
    back = rename(changed)
    out = r.path("out")
    why = failed(r.run(changed, "out"), "with the ids renamed")
    if why:
        return why
    unrenamed(out, back)
    return compare_noise(r.base, out, sigmas=5.0, slack=0.0, what="ids renamed")


def check_crlf(r, changed):
    windows_files(changed)
    return failed(r.run(changed, "out"), "with CRLF and a BOM") or compare_order(
        r.base, r.path("out"), "when the files were saved with CRLF and a BOM")


def check_twin(r, changed):
    paths = twin(changed, r.rnd)
    return failed(r.run(changed, "out", scenarios=paths), "with a scenario and its twin") or compare_twin(r.path("out"))


def check_inherit(r, changed):
    paths = heir(changed, r.rnd)
    return failed(r.run(changed, "out", scenarios=paths), "with a scenario and its heir") or compare_twin(r.path("out"))


def check_null(r, changed):
    paths = null(changed, r.rnd)
    with open(paths[1]) as f:
        lever_text = f.read()
    why = failed(r.run(changed, "out", scenarios=paths), "with levers that move nothing") or compare_null(r.path("out"))
    return why and f"{why}\nnull.yaml:\n{lever_text}"


def check_flip(r, changed):
    turned = flip(changed, r.rnd)
    if turned is None:
        return SKIP
    return failed(r.run(changed, "out"), "after turning a direction") or compare_flip(
        r.base, r.path("out"), *turned)


def coarsen(folder, rnd):
    """Writes about a third of the exact values to two significant digits ("3300", "0.45"), whose
    intervals are wide enough to hold targets and to matter where a forecast starts."""
    path = os.path.join(folder, "observations.csv")
    t = table(path)
    cv, cq = t[0].index("value"), t[0].index("quality")
    for r in t[1:]:
        v = float(r[cv])
        if r[cq] in ("actual", "estimate") and v != 0 and rnd.random() < 0.35:
            e = math.floor(math.log10(abs(v))) - 1
            r[cv] = str(int(round(v, -e))) if e >= 0 else f"{round(v, -e):.{-e}f}"
    write_table(path, t)


def check_stated(r, changed):
    uncounted(changed)
    coarsen(changed, r.rnd)
    reference = r.path("stated-base")
    shutil.copytree(changed, reference)
    if not stated(changed, float(os.environ.get("META_WIDEN", "1"))):
        return SKIP
    return (failed(r.run(reference, "stated-base-out"), "with the units renamed only")
            or failed(r.run(changed, "out"), "with the intervals stated")
            or compare_close(r.path("stated-base-out"), r.path("out"), "intervals stated"))


def check_swap(r, changed):
    base, path = os.path.join(changed, "baseline.yaml"), scenario(r.rnd, changed)
    with open(base, "w") as f:
        f.write("name: baseline\n")
    return (failed(r.run(changed, "swap-a", scenarios=(base, path)), "with a scenario")
            or failed(r.run(changed, "out", scenarios=(path, base)), "with the scenarios swapped")
            or compare_swap(r.path("swap-a"), r.path("out")))


def check_extra(r, changed):
    added = extra(changed, r.rnd)
    return failed(r.run(changed, "out"), "with an indicator without data") or compare_extra(
        r.base, r.path("out"), added)


def check_counted(r, changed):
    coarsen(changed, r.rnd)
    reference = r.path("counted-base")
    shutil.copytree(changed, reference)
    if not stated(changed):
        return SKIP
    return (failed(r.run(reference, "counted-base-out"), "with values coarsened")
            or failed(r.run(changed, "out"), "with the intervals of counts stated")
            or compare_close(r.path("counted-base-out"), r.path("out"), "intervals of counts stated"))


def check_seed(r, changed):
    return (failed(r.run(changed, "out", seed=8), "with --seed 8")
            or compare_noise(r.base, r.path("out"), sigmas=5.0, slack=0.0, what="--seed 8"))


def check_shift(r, changed):
    k = r.rnd.choice([-7, 3, 10, 25])
    base, path = os.path.join(changed, "baseline.yaml"), scenario(r.rnd, changed)
    with open(base, "w") as f:
        f.write("name: baseline\n")
    reference = r.path("shift-base")
    shutil.copytree(changed, reference)
    shift(changed, k, path)
    why = (failed(r.run(reference, "shift-base-out", scenarios=(os.path.join(reference, "baseline.yaml"),
                                                                os.path.join(reference, "what-if.yaml"))),
                  "with a scenario")
           or failed(r.run(changed, "out", scenarios=(base, path)), f"with every year moved by {k}"))
    if why:
        return why
    unshifted(r.path("out"), k)
    unshifted(r.path("shift-base-out"), 0)  # the same CSV quoting on both sides
    return compare_order(r.path("shift-base-out"), r.path("out"), f"when every year was moved by {k}")


def check_shard(r, changed):
    """The run cut into N shards (`--shard K/N`, each in its own process) and merged equals the
    whole run: attainment.csv and forecasts.csv byte-identical."""
    n = r.rnd.choice([2, 3, 5])
    base, path = os.path.join(changed, "baseline.yaml"), scenario(r.rnd, changed)
    with open(base, "w") as f:
        f.write("name: baseline\n")
    why = failed(r.run(changed, "shard-whole", scenarios=(base, path)), "with a scenario")
    if why:
        return why
    parts = r.path("shard-parts")
    for k in range(1, n + 1):
        part = subprocess.run([r.binary, "run", "--plan", changed, "--paths", "4000", "--no-sensitivity", "--seed",
                               "7", "--out", parts, "--lang", "en", "--shard", f"{k}/{n}", base, path],
                              capture_output=True, text=True, timeout=300)
        if part.returncode != 0:
            return f"shard {k}/{n} exit {part.returncode}: {part.stderr[-400:]}"
    merged = subprocess.run([r.binary, "merge", parts, "--out", r.path("out")], capture_output=True, text=True,
                            timeout=300)
    if merged.returncode != 0:
        return f"merge of {n} shards exit {merged.returncode}: {merged.stderr[-400:]}"
    return compare_order(r.path("shard-whole"), r.path("out"), f"when the run was cut into {n} shards and merged")


def check_threads(r, changed):
    """`--threads 1` and `--threads 3` against the default (every core) with a scenario beside
    the baseline: attainment.csv, forecasts.csv and sensitivity.csv byte-identical (the help
    promises it)."""
    base, path = os.path.join(changed, "baseline.yaml"), scenario(r.rnd, changed)
    with open(base, "w") as f:
        f.write("name: baseline\n")
    outs = []
    for threads in (None, "1", "3"):
        name = f"threads-{threads or 'all'}"
        args = [r.binary, "run", "--plan", changed, "--paths", "3000", "--seed", "7", "--out", r.path(name),
                "--lang", "en", "--force", base, path] + (["--threads", threads] if threads else [])
        got = subprocess.run(args, capture_output=True, text=True, timeout=300)
        if got.returncode != 0:
            return f"--threads {threads or 'default'} exit {got.returncode}: {got.stderr[-400:]}"
        outs.append(r.path(name))
    for other in outs[1:]:
        why = compare_order(outs[0], other, f"with {os.path.basename(other)}")
        if why:
            return why
        if read(os.path.join(outs[0], "sensitivity.csv")) != read(os.path.join(other, "sensitivity.csv")):
            return f"sensitivity.csv changed with {os.path.basename(other)}"
    return None


RELATIONS = {"order": check_order, "harder": check_harder, "units": check_units, "lever": check_lever,
             "asof": check_asof, "seed": check_seed, "rename": check_rename, "crlf": check_crlf,
             "twin": check_twin, "inherit": check_inherit,
             "null": check_null, "flip": check_flip, "stated": check_stated, "counted": check_counted,
             "swap": check_swap, "extra": check_extra, "shift": check_shift,
             "shard": check_shard, "threads": check_threads}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="meta-findings")
    ap.add_argument("--plan", help="a plan folder to use in every round instead of random plans")
    ap.add_argument("--only", help="comma-separated relations to check (default: all)")
    a = ap.parse_args()
    if a.plan:
        global YEARS
        YEARS = plan_years(a.plan)
        plan_shapes.YEARS = YEARS  # its random scenarios' years
    relations = {k: v for k, v in RELATIONS.items() if not a.only or k in a.only.split(",")}
    self_test()
    rnd = random.Random(a.seed)
    findings, checked, refused = 0, {name: 0 for name in relations}, 0
    for k in range(a.count):
        tmp = tempfile.mkdtemp(prefix="meta-")
        folder = os.path.join(tmp, "plan")
        if a.plan:
            shutil.copytree(a.plan, folder)
            with_optional_columns(folder)
        else:
            plan(rnd, folder)
        r = Round(a.binary, tmp, folder, rnd)
        first = r.run(folder, "base")
        if first.returncode != 0:
            refused += first.returncode == 65
            if first.returncode != 65:
                print(f"plan {k}: run exit {first.returncode}: {first.stderr[-400:]}")
                findings += 1
            shutil.rmtree(tmp, ignore_errors=True)
            continue
        for relation, check in relations.items():
            changed = os.path.join(tmp, relation)
            shutil.copytree(folder, changed)
            why = check(r, changed)
            if why is SKIP:
                continue
            checked[relation] += 1
            if why:
                findings += 1
                keep = os.path.join(a.keep, f"meta-{a.seed}-{k}-{relation}")
                shutil.copytree(folder, os.path.join(keep, "before"), dirs_exist_ok=True)
                shutil.copytree(changed, os.path.join(keep, "after"), dirs_exist_ok=True)
                with open(os.path.join(keep, "why.txt"), "w") as f:
                    f.write(why + "\n")
                print(f"finding {k} ({relation}): {why}")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"metamorphic: {a.count} plans, {refused} refused (65), checked {checked}, {findings} findings")


if __name__ == "__main__":
    main()
