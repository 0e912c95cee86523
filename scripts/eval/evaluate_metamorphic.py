#!/usr/bin/env python3
"""Metamorphic checks on `plancast evaluate --library`: change a library of finished plans in a
way that must not change the scores, run again, and compare.

A reviewer reruns an evaluation after moving folders about or after a plan is entered for other
years; the scores must not move. For a library (a folder of plan folders, each with plan.yaml
and outcomes.csv; the fixtures in Tests/RunsTests/Fixtures/pseudo-plans/ by default):

1. **shift**: every year of one plan moved by k (plan.yaml's years, its target columns, its
   observations' years and `since`): judged `--years-after-base` as before, its rows of
   evaluation.csv and scores.csv are the same with as_of moved back; the other plans' rows do
   not change (each plan's draws are its own).
2. **folders**: the plan folders renamed so that their order turns round: evaluation.csv and
   scores.csv, sorted, are byte-identical (a plan is known by its id, not its folder).
3. **order**: every outcomes.csv and observations.csv with its rows reversed: byte-identical.
4. **crlf**: every CSV with a byte-order mark and CRLF, plan.yaml with CRLF: byte-identical.

    python3 scripts/eval/evaluate_metamorphic.py BINARY [LIBRARY ...] [--seed N] [--keep DIR]
"""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plan_metamorphic import shift, shift_years, table, windows_files, write_table  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "../../Tests/RunsTests/Fixtures/pseudo-plans")


def evaluate(binary, library, out):
    r = subprocess.run([binary, "evaluate", "--library", library, "--out", out, "--paths", "1000", "--lang", "en"],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return f"exit {r.returncode}: {r.stderr[-400:]}"
    return None


def outputs(out, unshift=None):
    """evaluation.csv and scores.csv as sorted rows; `unshift` = (plan id, k) moves that plan's
    as_of back by k."""
    got = {}
    for name in ("evaluation.csv", "scores.csv"):
        t = table(os.path.join(out, name))
        if unshift:
            cp, ca = t[0].index("plan"), t[0].index("as_of")
            for r in t[1:]:
                if r[cp] == unshift[0]:
                    r[ca] = shift_years(r[ca], -unshift[1])
                    if "goal" in t[0]:  # "growth 0.8% a year (2015 ≥ 2573.52)": the year in brackets
                        cg = t[0].index("goal")
                        r[cg] = re.sub(r"\(([0-9]{4}) ", lambda m: f"({int(m.group(1)) - unshift[1]} ", r[cg])
        got[name] = [t[0]] + sorted(t[1:])
    return got


def differ(a, b, what):
    for name in a:
        if a[name] != b[name]:
            x, y = a[name], b[name]
            i = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            return f"{name} changed {what} (row {i}: {x[i] if i < len(x) else None} → {y[i] if i < len(y) else None})"
    return None


def plan_id(folder):
    for line in open(os.path.join(folder, "plan.yaml"), encoding="utf-8"):
        if line.startswith("id:"):
            return line.split(":", 1)[1].strip()
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("libraries", nargs="*")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="evaluate-findings")
    a = ap.parse_args()
    libraries = a.libraries or [os.path.join(FIXTURES, d) for d in sorted(os.listdir(FIXTURES))
                                if os.path.isdir(os.path.join(FIXTURES, d))]
    rnd = random.Random(a.seed)
    # Self-test: a changed cell is found, equal outputs are not.
    x = {"e": [["plan", "as_of"], ["p", "2012"]]}
    assert differ(x, {"e": [["plan", "as_of"], ["p", "2013"]]}, "planted") and not differ(x, x, "planted")
    print("self-test ok: differ")
    findings, checked = 0, 0
    for lib in libraries:
        tmp = tempfile.mkdtemp(prefix="emeta-")
        base_lib = os.path.join(tmp, "lib")
        shutil.copytree(lib, base_lib)
        why = evaluate(a.binary, base_lib, os.path.join(tmp, "base"))
        if why:
            print(f"{lib}: base {why}")
            findings += 1
            continue
        base = outputs(os.path.join(tmp, "base"))
        plans = sorted(d for d in os.listdir(base_lib) if os.path.exists(os.path.join(base_lib, d, "plan.yaml")))
        for rel in ("shift", "folders", "order", "crlf"):
            changed = os.path.join(tmp, rel)
            shutil.copytree(base_lib, changed)
            unshift = None
            if rel == "shift":
                folder = os.path.join(changed, rnd.choice(plans))
                k = rnd.choice([-9, 4, 13])
                dummy = os.path.join(tmp, "none.yaml")
                open(dummy, "w").write("name: baseline\n")
                shift(folder, k, dummy)
                unshift = (plan_id(folder), k)
            elif rel == "folders":
                for j, d in enumerate(plans):
                    os.rename(os.path.join(changed, d), os.path.join(changed, f"z{len(plans) - j:02d}-{d}"))
            elif rel == "order":
                for d in plans:
                    for name in ("outcomes.csv", "observations.csv"):
                        path = os.path.join(changed, d, name)
                        if os.path.exists(path):
                            t = table(path)
                            write_table(path, [t[0]] + t[1:][::-1])
            elif rel == "crlf":
                for d in plans:
                    windows_files(os.path.join(changed, d))
            why = evaluate(a.binary, changed, os.path.join(tmp, rel + "-out"))
            if not why:
                why = differ(base, outputs(os.path.join(tmp, rel + "-out"), unshift), f"({rel} {unshift or ''})")
            checked += 1
            if why:
                findings += 1
                keep = os.path.join(a.keep, f"evaluate-{a.seed}-{os.path.basename(lib)}-{rel}")
                shutil.copytree(changed, keep, dirs_exist_ok=True)
                with open(os.path.join(keep, "why.txt"), "w") as f:
                    f.write(why + "\n")
                print(f"finding {os.path.basename(lib)} ({rel}): {why}")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"evaluate metamorphic: {len(libraries)} libraries, {checked} checks, {findings} findings")


if __name__ == "__main__":
    main()
