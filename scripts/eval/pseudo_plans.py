#!/usr/bin/env python3
"""Plans with known outcomes, made from real yearly series: does P(met) beat a planner's rules?

No library of real finished plans exists yet (issue 14). This builds a stand-in from the
development sets, whose future is known: each real series becomes one indicator of a five-year
plan, with a goal set the way plans usually set them — the series' own past growth, plus or
minus a little ambition — and the outcome read from the series' real later values. Plans hold
30 indicators (a plan's size). `plancast evaluate --library` then judges every plan as of 2 and 3
years after its base year, leave one plan out, against the two rules a planner could use (the
straight line through the last three points; the base rate of goals met in the other plans).

It tests the product's whole path (plan files, `check`, the plan simulator with its correlated
indicators, the attainment probabilities), not only `forecast`. What it cannot test: goals set
for policy reasons, binding goals met through policy, indicators of other kinds (shares, flows).

Usage:
  python3 scripts/eval/pseudo_plans.py BINARY SERIES.csv OUT_DIR [--history 5] [--seed 1]
      [--per-plan 30] [--plans N] [--paths 2000] [--final-share 0.5] [--no-evaluate]
SERIES.csv: series_id,t,value[,split] (the shared development sets). Prints the scores.
"""
import argparse
import csv
import math
import os
import random
import shutil
import subprocess
import sys


def load(path):
    by = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            by.setdefault(r["series_id"], []).append((int(r["t"]), float(r["value"])))
    return {k: [v for _, v in sorted(rows)] for k, rows in by.items()}


def sig(x):
    """x to four significant digits, as plans write their goals."""
    if x == 0:
        return 0.0
    return round(x, max(0, 3 - int(math.floor(math.log10(abs(x))))))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("series")
    ap.add_argument("out")
    ap.add_argument("--history", type=int, default=5, help="points up to and including the base year")
    ap.add_argument("--per-plan", type=int, default=30)
    ap.add_argument("--paths", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plans", type=int, default=0, help="keep only the first N plans (0: all)")
    ap.add_argument("--no-evaluate", action="store_true", help="only write the plan folders")
    ap.add_argument("--final-share", type=float, default=0.5, help="share of goals stated as a final level")
    ap.add_argument("--kind", default="level", choices=["level", "share"],
                    help="share: every series is a percentage share (0-100) and every goal a final-year "
                    "level, half of them with yearly milestones (shares are not summed or compounded)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    series = load(a.series)
    period, base_year = 5, 2010
    usable = []
    for sid, v in sorted(series.items()):
        # history points up to the base year, then the five plan years
        # Shares below 1% beside ones of several percent are what `check` refuses as a share
        # entered as a fraction (Suriname's high-tech exports 0.2% in 2003, 8.2% in 2004): left out.
        if len(v) < a.history + period or min(v) <= 0 or (a.kind == "share" and (max(v) >= 100 or min(v) < 1)):
            continue
        usable.append((sid, v[-(a.history + period):]))
    rng.shuffle(usable)
    plans = [usable[i:i + a.per_plan] for i in range(0, len(usable) - a.per_plan + 1, a.per_plan)]
    if a.plans:
        plans = plans[:a.plans]
    lib = os.path.join(a.out, "library")
    # A rerun into the same folder must not judge the plans of an earlier, larger run too.
    shutil.rmtree(lib, ignore_errors=True)
    os.makedirs(lib, exist_ok=True)
    met_total = 0
    goals_total = 0
    for p, members in enumerate(plans):
        d = os.path.join(lib, f"plan-{p:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "plan.yaml"), "w") as f:
            f.write(
                f"# Made by scripts/eval/pseudo_plans.py from real series of {os.path.basename(a.series)};\n"
                "# goals are the series' own past growth plus a little ambition. Not a real plan.\n"
                f"id: pseudo-{p:02d}\ntitle_zh: 伪规划{p:02d}\ntitle_en: Pseudo-plan {p:02d}\n"
                f"document_number: none\nissuer: none\nissued: {base_year + 1}-01-01\n"
                f"first_year: {base_year + 1}\nlast_year: {base_year + period}\nbase_year: {base_year}\n")
        ind_rows, obs_rows, out_rows = [], [], []
        for j, (sid, v) in enumerate(members):
            hist, plan = v[:a.history], v[a.history:]
            base = hist[-1]
            past = (math.log(hist[-1] / hist[0]) / (len(hist) - 1)) if len(hist) > 1 else 0.0
            # Plans set goals in the direction the series has been moving, a little ambitious or
            # a little cautious: yearly growth = past growth ± up to 3 points.
            up = past >= 0
            ambition = rng.choice([-0.02, -0.01, 0.0, 0.01, 0.02, 0.03]) * (1 if up else -1)
            r = math.exp(past) - 1 + ambition  # yearly growth the planner writes
            r = max(r, -0.5)
            iid = f"s{j:02d}"
            path = [base * (1 + r) ** k for k in range(1, period + 1)]
            form = rng.random()
            milestones = [""] * period
            kind, direction = a.kind, "increase" if up else "decrease"
            if a.kind == "share":
                # A share's goal is its final-year level, below 100, with milestones half the time.
                path = [min(x, 99.0) for x in path]
                rule, goal = "final", sig(path[-1])
                met = plan[-1] >= goal if up else plan[-1] <= goal
                if form >= 0.5:
                    milestones = [sig(x) for x in path]
            elif form < a.final_share:
                rule, goal = "final", sig(path[-1])
                met = plan[-1] >= goal if up else plan[-1] <= goal
            elif form < a.final_share + (1 - a.final_share) / 3:
                # average yearly growth (increase) or a change against the base year (decrease)
                if up:
                    rule, goal = "growth", round(100 * r, 1)
                    met = (plan[-1] / base) ** (1 / period) - 1 >= goal / 100
                else:
                    rule, goal = "change", round(100 * ((1 + r) ** period - 1), 1)
                    met = plan[-1] / base - 1 <= goal / 100
            elif form < a.final_share + 2 * (1 - a.final_share) / 3:
                # a cumulative amount over the period, the series read as a yearly flow
                kind, rule, goal = "flow", "cumulative", sig(sum(path))
                met = sum(plan) >= goal if up else sum(plan) <= goal
            else:
                # the same growth written as a level for the final year, with yearly milestones
                rule, goal = "final", sig(path[-1])
                met = plan[-1] >= goal if up else plan[-1] <= goal
                milestones = [sig(x) for x in path]
            ind_rows.append([iid, "", str(j + 1), sid, sid, "pseudo", kind, "%" if kind == "share" else "u",
                             direction, rule, repr(goal),
                             "expected"] + [str(m) for m in milestones] + ["none"])
            first = base_year - len(hist) + 1
            for k, x in enumerate(hist + plan[:3]):
                obs_rows.append([iid, str(first + k), repr(x), "actual", os.path.basename(a.series), ""])
            outcome = sum(plan) if rule == "cumulative" else plan[-1]
            out_rows.append([iid, "1" if met else "0", repr(outcome), "the series' real values"])
            met_total += met
            goals_total += 1
        with open(os.path.join(d, "indicators.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["indicator", "parent", "row", "name_zh", "name_en", "category", "kind", "unit", "direction",
                        "headline_rule", "headline_goal", "binding"]
                       + [f"target_{base_year + k}" for k in range(1, period + 1)] + ["departments"])
            w.writerows(ind_rows)
        with open(os.path.join(d, "observations.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["indicator", "year", "value", "quality", "source_title", "quote"])
            w.writerows(obs_rows)
        with open(os.path.join(d, "outcomes.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["indicator", "met", "value", "source_title"])
            w.writerows(out_rows)
    print(f"{len(plans)} plans of {a.per_plan} goals from {os.path.basename(a.series)}, {a.history} points up to the "
          f"base year; {met_total / max(goals_total, 1):.2f} of the goals met")
    if a.no_evaluate:
        return
    out = os.path.join(a.out, "evaluation")
    cmd = [a.binary, "evaluate", "--library", lib, "--years-after-base", "2,3", "--out", out,
           "--paths", str(a.paths), "--force", "--lang", "en"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-3000:])
        sys.exit(p.returncode)
    summarise(lib, out)


def summarise(lib, out):
    """Overall scores, the plans where the model loses to a rule, reliability of the model's P,
    and the model's P by goal form (rule, direction, kind)."""
    scores = list(csv.DictReader(open(os.path.join(out, "scores.csv"))))
    by = {}
    for r in scores:
        if r["as_of"] == "all":
            by.setdefault(r["plan"], {})[r["method"]] = float(r["brier"])
    overall = by.pop("all")
    by = {p: m for p, m in by.items() if p.startswith("pseudo-")}
    print("Brier, all plans: " + ", ".join(f"{m} {b:.3f}" for m, b in overall.items()))
    lost = [p for p, m in sorted(by.items()) if not (m["model"] < m["trend_rule"] and m["model"] < m["base_rate"])]
    print(f"plans where the model's Brier is not below both rules: {len(lost)} of {len(by)}"
          + (f" ({', '.join(lost)})" if lost else ""))
    print("reliability of the model's P (bin: n, mean P, share met, binomial 95% band):")
    for r in csv.DictReader(open(os.path.join(out, "reliability.csv"))):
        if r["method"] == "model":
            print(f"  {r['bin_lower']}-{r['bin_upper']}: n={r['n']:>4} P={float(r['mean_p']):.3f} "
                  f"met={float(r['observed']):.3f} [{float(r['band_lower']):.3f}, {float(r['band_upper']):.3f}]"
                  f"{'' if r['within_band'] == 'yes' else '  OUT'}")
    forms = {}
    for plan in sorted(os.listdir(lib)):
        for r in csv.DictReader(open(os.path.join(lib, plan, "indicators.csv"))):
            milestones = "+milestones" if any(r[k] for k in r if k.startswith("target_")) else ""
            forms[(plan.replace("plan-", "pseudo-"), r["indicator"])] = (
                f"{r['headline_rule']}{milestones} {r['direction']} {r['kind']}")
    agg = {}
    for r in csv.DictReader(open(os.path.join(out, "evaluation.csv"))):
        f = forms[(r["plan"], r["indicator"])]
        a = agg.setdefault(f, [0, 0.0, 0, 0.0])
        p, y = float(r["p_model"]), int(r["outcome"])
        a[0] += 1
        a[1] += p
        a[2] += y
        a[3] += (p - y) ** 2
    print("model's P by goal form (n, mean P, share met, Brier):")
    for f, a in sorted(agg.items()):
        print(f"  {f:<40} n={a[0]:>4} P={a[1] / a[0]:.3f} met={a[2] / a[0]:.3f} Brier={a[3] / a[0]:.3f}")


if __name__ == "__main__":
    main()
