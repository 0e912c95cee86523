#!/usr/bin/env python3
"""Mutation testing of whole commands, beside the libFuzzer harness of the readers (scripts/fuzz).

libFuzzer finds what breaks a reader; the defects that live after the readers (a duplicated
driver id trapping in a dictionary, a plan ending in the year 99,999,999, a share of 5e-324
whose logit is -inf, `inf` in backtest metrics) need whole inputs that parse. This script
mutates the bundled plan, the bundled scenarios, or random yearly series, runs the real binary
on each, and keeps every input that makes it exit with anything but 0, 64 or 65 (a signal or
70), hang, refuse it (65) without naming the file and line, or write NaN/inf into a CSV it
reports as a success.

    python3 scripts/eval/mutate_pipeline.py BINARY {plan,scenarios,series,evaluate,library} SECONDS [--seed N] [--keep DIR]

Seeded: the same seed and binary give the same inputs. Findings go to DIR/<mode>-<seed>-<k>/
with why.txt (the command, the exit code and the end of stderr). Once fixed, add each as a
fixture of Tests/PlancastCLITests/HostileInputTests.swift.
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
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN = os.path.join(ROOT, "Notebooks-data", "kunshan-2022-2025")
SCENARIOS = os.path.join(ROOT, "Scenarios")
# A synthetic five-year plan whose goals are written as provincial plans write them (growth
# rates, cuts against the base year, every-year ceilings, binding or expected), with outcomes.
FIVE_YEAR = os.path.join(ROOT, "Tests", "RunsTests", "Fixtures", "five-year-plan")
# Plans of 30 goals made from real M1 series (flows, decrease goals, milestones), with outcomes.
PSEUDO = os.path.join(ROOT, "Tests", "RunsTests", "Fixtures", "pseudo-plans", "m1")

CELL_TOKENS = [
    "0", "-0", "1", "-1", "2", "1e6", "1e15", "1e-9", "0.0001", "99999999", "3000", "2021", "2020", "2025",
    "2026", "2030", "1990", "", " ", "stock", "flow", "share", "net_change", "level", "increase", "decrease",
    "final", "cumulative", "every_year", "actual", "lower_bound", "upper_bound", "estimate", "snapshot",
    "partial_year", "derived", "yes", "no", "gdp", "high_tech_enterprises", "rd_intensity",
    "national_major_talent_experts", "net_new_high_tech_enterprises", "%", "万", "≥", "x", '"', "\n", "0.5",
    "100", "50%", "-50%", "growth", "change", "binding", "expected", "约束性", "预期性", "-16", "-100", "8",
    "2011", "2015", "2010", "plan_base", "1", "0", "met", "not_met",
]
YAML_TOKENS = [
    "0", "-1", "1", "1e308", "-1e308", "1e-308", "2023", "2022", "2025", "2021", "2030", "1999", "100", "-100",
    "99.9", "0.6", "1.5", "-0.5", "{pert: {min: 5, most_likely: 1, max: 3}}",
    "{pert: {min: -100, most_likely: -100, max: -100}}", "{triangular: {min: 0, mode: 0, max: 0}}",
    "{normal: {mean: 0, sd: 1e300}}", "{uniform: {min: 3, max: 1}}", "{lognormal: {mu: 700, sigma: 5}}", "[]",
    "[gdp]", "[rd_intensity, rd_intensity]", "all", "talent", "@talent", "baseline", "downturn-2023", "~",
    "null", '""', "{}", "[1,2]", "x", ".nan", ".inf", "-.inf", "0x10", "1_000",
]


# Header names the readers map (Chinese aliases, since 2026-12-05 also in indicators.csv and
# drivers.csv), near misses and years: a renamed header cell may make two columns one, drop a
# required one, or name a milestone year outside the plan.
HEADER_TOKENS = [
    "指标", "指标代码", "代码", "年份", "年度", "数值", "值", "质量", "下限", "上限", "起始年份", "口径", "序号", "指标名称",
    "名称", "英文名称", "单位", "方向", "指标类型", "类型", "目标规则", "总体目标", "目标值", "2022年目标", "2025年目标值",
    "2030年目标", "2024年", "指标属性", "约束性", "上级指标", "责任部门", "Quality", " indicator ", "INDICATOR", "parnet",
    "target_2026", "target_2025", "kind", "direction", "value", "year", "",
]


def mutate_csv(path, rnd):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    for _ in range(rnd.randint(1, 3)):
        op, r = rnd.random(), rnd.randrange(1, len(rows))
        if rnd.random() < 0.1 and rows[0]:
            rows[0][rnd.randrange(len(rows[0]))] = rnd.choice(HEADER_TOKENS)
        elif op < 0.6 and rows[r]:
            c = rnd.randrange(len(rows[r]))
            other = rows[rnd.randrange(1, len(rows))]
            rows[r][c] = rnd.choice(CELL_TOKENS + [other[c] if c < len(other) else ""])
        elif op < 0.75:
            rows.insert(rnd.randrange(1, len(rows) + 1), list(rows[r]))
        elif op < 0.85 and len(rows) > 2:
            del rows[r]
        elif len(rows[r]) > 1:
            del rows[r][rnd.randrange(len(rows[r]))]
    csv.writer(open(path, "w", newline="", encoding="utf-8")).writerows(rows)


def rewire_parents(path, rnd):
    """Points one or two rows' `parent` at another row of the table (itself, a child, a row of
    another kind): the structure the cell mutations rarely reach (a loop of parents needs two
    matching edits; one crashed a run on 2026-11-30)."""
    rows = list(csv.reader(open(path, encoding="utf-8")))
    if len(rows) < 3 or "parent" not in rows[0]:
        return
    pi, ii = rows[0].index("parent"), rows[0].index("indicator")
    ids = [r[ii] for r in rows[1:] if len(r) > ii]
    for _ in range(rnd.randint(1, 2)):
        r = rows[rnd.randrange(1, len(rows))]
        if len(r) > pi:
            r[pi] = rnd.choice(ids)
    csv.writer(open(path, "w", newline="", encoding="utf-8")).writerows(rows)


def with_column(path, name):
    """The rows of an observations file with a new last column `name` (blank in every row), and
    the indices of its indicator and year columns; None when the file has no such columns, too
    few rows, or the column already."""
    rows = list(csv.reader(open(path, encoding="utf-8")))
    if len(rows) < 2 or name in rows[0] or "indicator" not in rows[0] or "year" not in rows[0]:
        return None
    header = rows[0]
    header.append(name)
    for r in rows[1:]:
        r.extend([""] * (len(header) - len(r)))
    return rows, header.index("indicator"), header.index("year")


def add_sums(path, rnd):
    """Adds a `since` column (sums over years of a flow) with a few sums: spans over known and
    open years, values consistent or not, bounds, on flows and on other kinds."""
    table = with_column(path, "since")
    if table is None:
        return
    rows, ii, yi = table
    header = rows[0]
    flows = ["new_provincial_innovation_talents", "new_listed_companies", "new_high_skilled_workers",
             "new_postdoc_workstations", "new_incubators", "new_rd_institutions"]
    for _ in range(rnd.randint(1, 4)):
        year = rnd.choice([2021, 2022, 2023, 2024, 2025, 2026, 1980])
        row = [""] * len(header)
        row[ii] = rnd.choice(flows + ["high_tech_enterprises", "rd_intensity", "net_new_high_tech_enterprises"]
                             if rnd.random() < 0.3 else flows)
        row[yi] = str(year)
        row[header.index("value")] = rnd.choice(["0", "1", "28", "60", "100", "1000", "1e15", "5", "-1"])
        if "quality" in header:
            row[header.index("quality")] = rnd.choice(["actual", "actual", "estimate", "lower_bound", "upper_bound",
                                                       "snapshot", "partial_year", ""])
        if "selected" in header:
            row[header.index("selected")] = rnd.choice(["", "yes", "no"])
        if "source_title" in header:
            row[header.index("source_title")] = "mutated sum"
        row[-1] = str(year - rnd.choice([0, 1, 2, 3, 5, -1]))
        rows.insert(rnd.randrange(1, len(rows) + 1), row)
    csv.writer(open(path, "w", newline="", encoding="utf-8")).writerows(rows)


def add_growths(path, rnd):
    """Adds a `measure` column with a few growth rates over the previous year: beside known,
    bounded and open years, consistent or not, extreme, on every kind (shares and net changes are
    refused), some with a `since` or a bound column."""
    table = with_column(path, "measure")
    if table is None:
        return
    rows, ii, yi = table
    header = rows[0]
    ids = ["gdp", "high_tech_enterprises", "high_level_talent_total", "new_listed_companies", "talent_resource_total",
           "national_major_talent_experts", "new_incubators", "industrial_output", "unicorn_candidates"]
    for _ in range(rnd.randint(1, 6)):
        year = rnd.choice([2020, 2021, 2022, 2023, 2024, 2025, 2026, 1980, 1991, 1992])
        row = [""] * len(header)
        row[ii] = rnd.choice(ids + ["rd_intensity", "net_new_high_tech_enterprises"] if rnd.random() < 0.2 else ids)
        row[yi] = str(year)
        row[header.index("value")] = rnd.choice(["6.1", "10", "-5", "0", "-99.9", "-100", "150", "1e6", "1e300",
                                                 "4.66", "-0.0", "13.2%", "nan", "5e-324"])
        if "quality" in header:
            row[header.index("quality")] = rnd.choice(["actual", "actual", "estimate", "lower_bound", "upper_bound",
                                                       "snapshot", "partial_year", "not_comparable", ""])
        if "selected" in header:
            row[header.index("selected")] = rnd.choice(["", "", "yes", "no"])
        if "source_title" in header:
            row[header.index("source_title")] = "mutated growth"
        for bound in ("lower", "upper"):
            if bound in header and rnd.random() < 0.2:
                row[header.index(bound)] = rnd.choice(["-200", "0", "5", "50", "1e308"])
        if "since" in header and rnd.random() < 0.1:
            row[header.index("since")] = str(year - rnd.choice([0, 1, 3]))
        row[-1] = rnd.choice(["growth", "growth", "增长率", "同比", "value", "", "speed"])
        rows.insert(rnd.randrange(1, len(rows) + 1), row)
    csv.writer(open(path, "w", newline="", encoding="utf-8")).writerows(rows)


def mutate_yaml(path, rnd, tokens):
    lines = open(path, encoding="utf-8").read().split("\n")
    keyed = [i for i, l in enumerate(lines) if ":" in l and not l.lstrip().startswith("#")]
    if not keyed:
        return
    i, op = rnd.choice(keyed), rnd.random()
    if op < 0.7:
        lines[i] = lines[i].split(":", 1)[0] + ": " + rnd.choice(tokens)
    elif op < 0.85:
        lines.insert(i, lines[i])
    else:
        del lines[i]
    open(path, "w", encoding="utf-8").write("\n".join(lines))


def random_series(rnd, n):
    kind = rnd.choice(["walk", "const", "zeros", "neg", "huge", "tiny", "alt", "spike", "int", "mixed", "exp"])
    v, out = rnd.choice([1, 100, 1e6, 0.001]), []
    for i in range(n):
        if kind == "walk":
            v *= math.exp(rnd.gauss(0, rnd.choice([0.01, 0.3, 2])))
        elif kind == "zeros":
            v = rnd.choice([0, 0, 0, 1])
        elif kind == "neg":
            v = rnd.gauss(0, rnd.choice([1, 1e6]))
        elif kind == "huge":
            v = rnd.choice([1e300, 1.7e308, 1e307, -1e300])
        elif kind == "tiny":
            v = rnd.choice([1e-300, 5e-324, 1e-310, 0])
        elif kind == "alt":
            v = rnd.choice([1, 1e9])
        elif kind == "spike":
            v = 1e12 if i == n // 2 else 1
        elif kind == "int":
            v = rnd.randint(0, 3)
        elif kind == "mixed":
            v = rnd.choice([0, -1, 1e10, 3.5, 1e-9])
        elif kind == "exp":
            v = math.exp(min(700, i * rnd.choice([1, 10, 50])))
        out.append(v)
    return out


def scenario_files():
    return sorted(os.path.join(SCENARIOS, f) for f in os.listdir(SCENARIOS) if f.endswith(".yaml"))


def non_finite_cells(path):
    for row in csv.reader(open(path, encoding="utf-8-sig")):
        for cell in row:
            if cell.strip().lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
                return True
    return False


def out_of_range(forecasts, indicators):
    """A simulated share outside [0, 100] or a stock or flow below 0 in forecasts.csv."""
    if not (os.path.exists(forecasts) and os.path.exists(indicators)):
        return None
    kinds = {r.get("indicator"): r.get("kind") for r in csv.DictReader(open(indicators, encoding="utf-8-sig"))}
    for r in csv.DictReader(open(forecasts, encoding="utf-8-sig")):
        kind = kinds.get(r.get("indicator"))
        for c in ("mean", "p05", "p50", "p95"):
            try:
                v = float(r.get(c) or "nan")
            except ValueError:
                continue
            if math.isnan(v):
                continue  # no value for that year (written empty)
            if (kind == "share" and not 0 <= v <= 100) or (kind in ("stock", "flow") and v < 0):
                return f"{r['scenario']} {r['indicator']} {r['year']} {c} = {v} outside the range of a {kind}"
    return None


def mutate_plan_file(folder, rnd):
    """Mutates one file of a plan with outcomes (tables more often than plan.yaml)."""
    name = rnd.choice(["observations.csv", "indicators.csv", "indicators.csv", "outcomes.csv", "plan.yaml"])
    if name.endswith(".yaml"):
        mutate_yaml(os.path.join(folder, name), rnd, CELL_TOKENS)
    else:
        mutate_csv(os.path.join(folder, name), rnd)


def one_case(mode, binary, rnd, work):
    """Writes one mutated input under `work` and returns the commands to run and the CSVs to scan."""
    shutil.rmtree(work, ignore_errors=True)
    out = work + "-out"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out + "-run", ignore_errors=True)
    if mode == "plan":
        shutil.copytree(PLAN, work)
        name = rnd.choice(["observations.csv", "observations.csv", "indicators.csv", "indicators.csv",
                           "drivers.csv", "plan.yaml"])
        if name.endswith(".yaml"):
            mutate_yaml(os.path.join(work, name), rnd, CELL_TOKENS)
        elif name == "indicators.csv" and rnd.random() < 0.3:
            rewire_parents(os.path.join(work, name), rnd)
        elif name == "observations.csv" and rnd.random() < 0.4:
            if rnd.random() < 0.5:
                add_sums(os.path.join(work, name), rnd)
            if rnd.random() < 0.6:
                add_growths(os.path.join(work, name), rnd)
            if rnd.random() < 0.5:
                mutate_csv(os.path.join(work, name), rnd)
        else:
            mutate_csv(os.path.join(work, name), rnd)
        as_of = rnd.choice([[], ["--as-of", "2022"], ["--as-of", "2023"]])
        return ([[binary, "check", "--plan", work] + scenario_files(),
                 [binary, "run", "--plan", work] + scenario_files() + ["--paths", "400", "--out", out] + as_of],
                [os.path.join(out, "attainment.csv"), os.path.join(out, "forecasts.csv")])
    if mode == "evaluate":
        shutil.copytree(FIVE_YEAR, work)
        mutate_plan_file(work, rnd)
        as_of = rnd.choice(["2012", "2013", "2012,2013", "2011", "2014"])
        return ([[binary, "check", "--plan", work],
                 [binary, "run", "--plan", work, "--paths", "400", "--out", out + "-run"],
                 [binary, "evaluate", "--plan", work, "--outcomes", os.path.join(work, "outcomes.csv"), "--as-of",
                  as_of, "--paths", "400", "--out", out]],
                [os.path.join(out, "evaluation.csv"), os.path.join(out, "scores.csv"),
                 os.path.join(out + "-run", "attainment.csv")])
    if mode == "library":
        shutil.copytree(PSEUDO, work)
        plans = sorted(os.listdir(work))
        for _ in range(rnd.randint(1, 3)):
            mutate_plan_file(os.path.join(work, rnd.choice(plans)), rnd)
        years = rnd.choice(["2,3", "1", "3", "5", "0,2"])
        one = os.path.join(work, plans[0])
        return ([[binary, "check", "--plan", one],
                 [binary, "evaluate", "--library", work, "--years-after-base", years, "--paths", "300",
                  "--out", out]],
                [os.path.join(out, "evaluation.csv"), os.path.join(out, "scores.csv"),
                 os.path.join(out, "reliability.csv")])
    if mode == "scenarios":
        shutil.copytree(SCENARIOS, work)
        files = sorted(f for f in os.listdir(work) if f.endswith(".yaml"))
        for _ in range(rnd.randint(1, 3)):
            mutate_yaml(os.path.join(work, rnd.choice(files)), rnd, YAML_TOKENS)
        paths = [os.path.join(work, f) for f in files]
        extra = rnd.choice([[], ["--as-of", "2022"], ["--no-sensitivity"]])
        return ([[binary, "check", "--plan", PLAN] + paths,
                 [binary, "run", "--plan", PLAN] + paths + ["--paths", "500", "--out", out] + extra],
                [os.path.join(out, "attainment.csv"), os.path.join(out, "forecasts.csv")])
    os.makedirs(work)
    lines = ["series_id,period,value"]
    for s in range(rnd.randint(1, 5)):
        start, step = rnd.choice([0, 2000, -5, 1990]), rnd.choice([1, 1, 1, 2])
        for i, v in enumerate(random_series(rnd, rnd.choice([1, 2, 3, 4, 5, 8, 15, 40]))):
            lines.append(f"s{s},{start + i * step},{v!r}")
    series = os.path.join(work, "series.csv")
    open(series, "w").write("\n".join(lines) + "\n")
    h = str(rnd.choice([1, 2, 3, 6, 10]))
    extra = rnd.choice([[], ["--kind", "share"], ["--kind", "flow"], ["--kind", "net_change"], ["--levels", "50,99"],
                        ["--quantiles", "0.001,0.5,0.999"]])
    fc, bt = os.path.join(work, "f.csv"), os.path.join(work, "b.csv")
    return ([[binary, "forecast", "--input", series, "--horizon", h, "--output", fc] + extra,
             [binary, "backtest", "--input", series, "--horizon", h, "--output", bt]], [fc, bt])


def located(err):
    """Whether the first error names a file and a line: `error: PATH:LINE…` (a command's error)
    or `PATH:LINE: error: …` (a finding of check)."""
    first = next((l for l in err.splitlines() if l.startswith("error: ") or ": error: " in l), "")
    return re.match(r"(error: )?[^:]+:\d+", first) is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("mode", choices=["plan", "scenarios", "series", "evaluate", "library"])
    ap.add_argument("seconds", type=float)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="mutation-findings")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    work = os.path.join("/tmp", f"plancast-mutate-{a.mode}-{a.seed}-{os.getpid()}")
    start, runs, found = time.time(), 0, 0
    tally = {}
    while time.time() - start < a.seconds:
        commands, outputs = one_case(a.mode, os.path.abspath(a.binary), rnd, work)
        check_status = 0
        for cmd in commands:
            try:
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
                status, err, out = p.returncode, p.stderr, p.stdout
            except subprocess.TimeoutExpired:
                status, err, out = "timeout (120 s)", "", ""
            runs += 1
            tally[(cmd[1], status)] = tally.get((cmd[1], status), 0) + 1
            why = None
            if cmd[1] == "check":
                check_status = status
            checked = cmd[1] == "run" and a.mode in ("plan", "scenarios") and check_status == 0
            if checked and status == 65:
                why = "run refuses input that check accepts (same plan and scenarios)"
            elif status not in (0, 64, 65):
                why = f"exit {status}"
            elif status == 65 and not located(out + err):  # check prints its findings on stdout
                why = "bad input (exit 65) without file:line in the error"
            elif status == 0 and any(os.path.exists(o) and non_finite_cells(o) for o in outputs):
                why = "NaN or inf in an output of a successful run"
            elif status == 0 and cmd[1] == "run" and a.mode in ("plan", "scenarios"):
                plan = work if a.mode == "plan" else PLAN
                why = out_of_range(os.path.join(work + "-out", "forecasts.csv"), os.path.join(plan, "indicators.csv"))
            if why:
                found += 1
                keep = os.path.join(a.keep, f"{a.mode}-{a.seed}-{found}")
                shutil.copytree(work, keep)
                with open(os.path.join(keep, "why.txt"), "w") as fh:
                    fh.write(f"{why}\n{' '.join(cmd)}\n{err[-3000:]}\n")
                print(f"finding: {keep}: {why}", file=sys.stderr)
            # A later command runs even when `check` refused the input: `run` must then refuse it
            # too, or cope, never crash (a plan whose parents loop crashed `run` after `check`
            # had refused it, and this loop stopped at `check`).
            if status != 0 and cmd[1] != "check":
                break
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(work + "-out", ignore_errors=True)
    shutil.rmtree(work + "-out-run", ignore_errors=True)
    print(f"{a.mode}: {runs} commands in {time.time() - start:.0f} s, {found} findings")
    print("  " + ", ".join(f"{c} exit {s}: {n}" for (c, s), n in sorted(tally.items(), key=str)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
