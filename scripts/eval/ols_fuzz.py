#!/usr/bin/env python3
"""Random tables and options through `plancast ols`, judged by exit code and output.

mutate_pipeline.py mutates the plan, scenarios, series, outcomes and library inputs; this does
the regression command's. Each case is a random CSV (1–6 columns, 0–40 rows) whose cells come
from a palette of the awkward (1e300, 1e-300, 0, blanks, NaN, inf, words, a constant column, a
column equal to another, a column in a huge scale beside one in a tiny scale) and random
options (--y, --x and --poly naming real or missing columns, degrees 0–15, --no-intercept,
--diagnostics). A finding: a signal or an exit code other than 0, 64 and 65; an exit 65 whose
message does not name the file; an exit 0 whose output has a number that is not finite or a row
that is not term,estimate,std_error.

    python3 scripts/eval/ols_fuzz.py BINARY COUNT [--seed N] [--keep DIR]
"""
import argparse
import csv
import math
import os
import random
import shutil
import subprocess
import tempfile

WEIRD = ["1e300", "-1e300", "1e-300", "0", "", "NaN", "inf", "-inf", "abc", "1,5", " 7 ", "1e309", "0x10", "５"]


def table(rnd):
    cols = [f"c{j}" for j in range(rnd.randint(1, 6))]
    if rnd.random() < 0.1:
        cols[-1] = cols[0]  # a name twice
    n = rnd.choice([0, 1, 2, 3, 5, 8, 15, 40])
    data = {c: [rnd.gauss(0, 1) * 10 ** rnd.randint(-3, 6) for _ in range(n)] for c in cols}
    for c in cols:
        r = rnd.random()
        if r < 0.1:
            data[c] = [3.0] * n  # constant
        elif r < 0.2 and cols[0] != c:
            data[c] = list(data[cols[0]])  # collinear
        elif r < 0.3:
            data[c] = [x * 1e12 for x in data[c]]
        elif r < 0.35:
            data[c] = [x * 1e-12 for x in data[c]]
    rows = []
    for i in range(n):
        row = [repr(data[c][i]) for c in cols]
        if rnd.random() < 0.08:
            row[rnd.randrange(len(row))] = rnd.choice(WEIRD)
        if rnd.random() < 0.02:
            row = row[:-1]  # a short row
        rows.append(row)
    return cols, rows


def options(rnd, cols):
    names = cols + ["missing", "C0", ""]
    y = rnd.choice(names if rnd.random() < 0.2 else cols)
    out = ["--y", y]
    # Mostly valid choices (the response not among the predictors), so that fits are reached.
    pool = names if rnd.random() < 0.1 else [c for c in cols if c != y] or cols
    xs = rnd.sample(pool, rnd.randint(1, len(pool)))
    if rnd.random() < 0.7:
        out += ["--x", ",".join(xs)]
    if rnd.random() < 0.3 or len(out) == 2:
        rest = [c for c in pool if "--x" not in out or c not in xs] or pool
        poly = rnd.choice(rest + ["missing"] if rnd.random() < 0.1 else rest)
        out += ["--poly", f"{poly}:{rnd.choice([0, 1, 2, 3, 5, 10, 15, -1] if rnd.random() < 0.1 else [1, 2, 3, 5, 10])}"]
    if rnd.random() < 0.3:
        out.append("--no-intercept")
    if rnd.random() < 0.5:
        out.append("--diagnostics")
    return out


def judge(r, path):
    if r.returncode < 0:
        return f"killed by signal {-r.returncode}"
    if r.returncode not in (0, 64, 65):
        return f"exit {r.returncode}: {r.stderr[-300:]}"
    if r.returncode == 65 and os.path.basename(path) not in r.stderr:
        return f"exit 65 without the file's name: {r.stderr[-300:]}"
    if r.returncode == 0:
        rows = list(csv.reader(r.stdout.splitlines()))
        if not rows or rows[0] != ["term", "estimate", "std_error"]:
            return f"output header {rows[:1]}"
        for row in rows[1:]:
            if len(row) != 3:
                return f"row {row}"
            for cell in row[1:]:
                if cell == "":
                    continue
                try:
                    x = float(cell)
                except ValueError:
                    return f"not a number in {row}"
                if not math.isfinite(x):
                    return f"a number that is not finite in {row}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="ols-findings")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="olsfuzz-")
    findings, exits = 0, {}
    for k in range(a.count):
        cols, rows = table(rnd)
        path = os.path.join(tmp, "data.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            w.writerows(rows)
        opts = options(rnd, cols)
        r = subprocess.run([a.binary, "ols", path, *opts], capture_output=True, text=True, timeout=60)
        exits[r.returncode] = exits.get(r.returncode, 0) + 1
        why = judge(r, path)
        if why:
            findings += 1
            keep = os.path.join(a.keep, f"ols-{a.seed}-{k}")
            os.makedirs(keep, exist_ok=True)
            shutil.copy(path, keep)
            with open(os.path.join(keep, "why.txt"), "w") as f:
                f.write(f"ols data.csv {' '.join(opts)}\n{why}\n")
            print(f"finding {k}: ols {' '.join(opts)}: {why}")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"ols fuzz: {a.count} cases, exits {dict(sorted(exits.items()))}, {findings} findings")


if __name__ == "__main__":
    main()
