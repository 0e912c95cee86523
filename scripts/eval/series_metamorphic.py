#!/usr/bin/env python3
"""Metamorphic checks on `plancast forecast`: change a batch of series in a way whose effect on
the forecasts is known, run again, and compare.

plan_metamorphic.py does this for `run` on plans; the forecast command is what analysts call on
batches of their own series, and its outputs (means, intervals, quantiles, status) have their own
invariances. Each round takes a random batch (1–40 series of the development sets
../shared/data/tourism-yearly and m1-yearly, each cut to its last 1–all training points, some
moved below zero or given a zero so that the sqrt and identity transforms are reached), a random
horizon, kind, model set and quantiles, runs `forecast` and then, on changed copies:

1. **order**: the rows shuffled. Forecasts and status, each sorted, must be byte-identical (a
   batch is a set of series; the pooled errors do not depend on their order).
2. **threads**: `--threads 1` against `--threads 2`: byte-identical (the help says results do not
   depend on it).
3. **shift**: every period moved by the same k (−1,000 to +1,000): with the periods moved back,
   byte-identical (a period is a position, not a date).
4. **rename**: every series id replaced (Chinese, spaces, commas and quotes among the new ones):
   with the ids mapped back and sorted, byte-identical.
5. **scale**: every value times c (1,000 or 0.001; a batch in yuan or in thousands of yuan):
   every mean, interval end and quantile times c within 1e-9 relative (1e-9·c·the series'
   largest value absolute, for ends near zero), status unchanged. Transforms are chosen by sign,
   the models and the pooled errors are unit-free.
6. **wide**: the same batch as a wide table (series_id and a column per year: the periods moved
   by 1999, as only years head a wide table's columns): with the periods moved back,
   byte-identical.
7. **aliases**: the long table with the column names unique_id, ds, y: byte-identical.
8. **shard**: the batch forecast in N = 2–4 shards as `forecast --help` describes (calibration
   parts, `merge`, forecast parts `--calibrated-by`, `merge`): forecasts and status, sorted,
   byte-identical to the whole batch's.

For order, threads, shift, rename and aliases, `backtest` (the same options, --origins 2) must
give the same metrics and `library` the same table too (both are scores of the whole batch, so
the ids and periods do not appear in them).

    python3 scripts/eval/series_metamorphic.py BINARY COUNT [--seed N] [--keep DIR] [--only R,R]

Seeded; a finding keeps the input before and after and why.txt in DIR/series-<seed>-<k>-<relation>/.
"""
import argparse
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import devdata  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = [os.path.join(HERE, "../../../shared/data/tourism-yearly/tourism_yearly.csv"),
        os.path.join(HERE, "../../../shared/data/m1-yearly/m1_yearly.csv")]


def collections_():
    out = []
    for path in SETS:
        if not os.path.exists(path):
            folder = os.path.dirname(path)
            path = next(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".csv"))
        data, order = devdata.load(path)
        out.append([(s, data[s]["train"]) for s in order])
    return out


def batch(rnd, sets):
    """[(id, first period, values)] and the options of one round."""
    pool = rnd.choice(sets)
    picked = rnd.sample(pool, rnd.randint(1, 40))
    series = []
    for sid, values in picked:
        n = rnd.choice([1, 2, 3, 5, len(values)])
        v = values[-n:]
        r = rnd.random()
        if r < 0.1:
            shift = min(v) + (max(v) - min(v)) / 2 + 1  # some values below zero: identity
            v = [x - shift for x in v]
        elif r < 0.15 and n > 1:
            v = [0.0] + v[1:]  # a zero: sqrt
        series.append((sid, rnd.randint(1, 60), v))
    options = ["--horizon", str(rnd.randint(1, 6))]
    if rnd.random() < 0.5:
        options += ["--quantiles", ",".join(str(q) for q in sorted(rnd.sample([0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99], 3)))]
    if rnd.random() < 0.3:
        options += ["--levels", rnd.choice(["50,90", "80", "60,80,99"])]
    if rnd.random() < 0.3:
        options += ["--models", rnd.choice(["naive", "drift,naive", "damped", "theta", "mean,drift", "naive,drift@log"])]
    if rnd.random() < 0.3:
        options += ["--kind", rnd.choice(["stock", "flow", "level"])]
    return series, options


def write_long(path, series, names=("series_id", "period", "value"), order=None):
    rows = [(sid, p + k, x) for sid, p, v in series for k, x in enumerate(v)]
    if order is not None:
        order.shuffle(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for sid, p, x in rows:
            w.writerow([sid, p, repr(x)])


def write_wide(path, series):
    periods = sorted({p + k for _, p, v in series for k in range(len(v))})
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series_id"] + [str(p) for p in periods])
        for sid, p, v in series:
            cells = {p + k: repr(x) for k, x in enumerate(v)}
            w.writerow([sid] + [cells.get(q, "") for q in periods])


def forecast(binary, inp, out, options, extra=()):
    r = subprocess.run([binary, "forecast", "--input", inp, "--output", out + "-fc.csv", "--status",
                        out + "-st.csv", "--threads", "2", *options, *extra],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return None, f"exit {r.returncode}: {r.stderr[-400:]}"
    return (list(csv.reader(open(out + "-fc.csv", encoding="utf-8"))),
            list(csv.reader(open(out + "-st.csv", encoding="utf-8")))), None


def backtest(binary, inp, out, options, extra=()):
    """The metric,value rows of `backtest` on the same input and options (and --origins 2)."""
    r = subprocess.run([binary, "backtest", "--input", inp, "--output", out + "-bt.csv", "--threads", "2",
                        "--origins", "2", *options, *extra], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return None, f"backtest exit {r.returncode}: {r.stderr[-400:]}"
    return list(csv.reader(open(out + "-bt.csv", encoding="utf-8"))), None


def sharded(binary, inp, out, options, n):
    """forecast in N shards the way the help describes (calibration parts, merge, forecast parts
    with --calibrated-by, merge): the merged forecasts and status, or the reason it failed."""
    def call(args):
        r = subprocess.run([binary, *args], capture_output=True, text=True, timeout=600)
        return None if r.returncode == 0 else f"{' '.join(args[:1] + args[-4:])} exit {r.returncode}: {r.stderr[-300:]}"
    for k in range(1, n + 1):
        why = call(["forecast", "--input", inp, *options, "--shard", f"{k}/{n}", "--out", out + "-cal"])
        if why:
            return None, why
    why = call(["merge", out + "-cal", "--out", out + "-cal.csv"])
    for k in range(1, n + 1):
        why = why or call(["forecast", "--input", inp, *options, "--shard", f"{k}/{n}", "--calibrated-by",
                           out + "-cal.csv", "--out", out + "-parts"])
    why = why or call(["merge", out + "-parts", "--out", out + "-merged"])
    if why:
        return None, why
    return (list(csv.reader(open(out + "-merged/forecasts.csv", encoding="utf-8"))),
            list(csv.reader(open(out + "-merged/status.csv", encoding="utf-8")))), None


def close_metrics(a, b):
    """Equal metric tables but for wall_seconds and the last bits of a mean over series (their
    sum runs in input order: 1e-12 relative)."""
    if a is None or b is None:
        return a == b
    a = [r for r in a if r[0] != "wall_seconds"]
    b = [r for r in b if r[0] != "wall_seconds"]
    if [r[0] for r in a] != [r[0] for r in b]:
        return False
    for x, y in zip(a, b):
        if x[1] == y[1]:
            continue
        try:
            u, v = float(x[1]), float(y[1])
        except ValueError:
            return False
        if abs(u - v) > 1e-12 * max(abs(u), abs(v)):
            return False
    return True


def library(binary, inp, out, extra=()):
    """The library `library` builds from the input (its source line left out)."""
    r = subprocess.run([binary, "library", "--input", inp, "--output", out + "-lib.csv", "--threads", "2", *extra],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return None, f"library exit {r.returncode}: {r.stderr[-400:]}"
    return [l for l in open(out + "-lib.csv", encoding="utf-8").read().splitlines()
            if not l.startswith("# plancast reference library:")], None


def same(a, b, what, sort=False):
    for name, x, y in (("forecasts", a[0], b[0]), ("status", a[1], b[1])):
        if sort:
            x, y = [x[0]] + sorted(x[1:]), [y[0]] + sorted(y[1:])
        if x != y:
            first = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            return (f"{name} changed {what} (row {first}: {x[first] if first < len(x) else None} → "
                    f"{y[first] if first < len(y) else None})")
    return None


def scaled(a, b, c, largest, what):
    """b's numbers are c times a's (forecasts), status equal."""
    if a[1] != b[1]:
        return same(a, b, what)
    if len(a[0]) != len(b[0]) or a[0][0] != b[0][0]:
        return f"forecasts' shape changed {what}"
    for x, y in zip(a[0][1:], b[0][1:]):
        if x[:3] != y[:3]:
            return f"forecast rows changed {what}: {x[:3]} → {y[:3]}"
        for j, (u, v) in enumerate(zip(x[3:], y[3:]), start=3):
            u, v = float(u), float(v)
            if abs(c * u - v) > 1e-9 * max(abs(c * u), c * largest[x[0]]):
                return f"{x[0]} period {x[1]} {a[0][0][j]}: {u} × {c} = {c * u}, but {v} {what}"
    return None


def self_test():
    """Each comparison fires on a planted difference."""
    fc = [["series_id", "period", "step", "mean"], ["a", "3", "1", "10.0"]]
    st = [["series_id", "status"], ["a", "ok"]]
    cases = [
        ("changed", same((fc, st), ([fc[0], ["a", "3", "1", "10.5"]], st), "planted")),
        (None, same((fc, st), (fc, st), "planted")),
        ("× 1000", scaled((fc, st), ([fc[0], ["a", "3", "1", "10000.1"]], st), 1000, {"a": 10}, "planted")),
        (None, scaled((fc, st), ([fc[0], ["a", "3", "1", "10000.000000001"]], st), 1000, {"a": 10}, "planted")),
        ("status", scaled((fc, st), (fc, [st[0], ["a", "short"]]), 1000, {"a": 10}, "planted")),
    ]
    for expected, why in cases:
        ok = why is None if expected is None else why is not None and expected in why
        print(f"self-test {'ok' if ok else 'FAILED'}: {expected or 'equal'} -> {why}")
        if not ok:
            raise SystemExit(1)


NAMES = ["序列{}", "s {}", "x,{}", 'q"{}"', "{}_id", "Ü{}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="series-findings")
    ap.add_argument("--only", help="comma-separated relations (default: all)")
    a = ap.parse_args()
    self_test()
    sets = collections_()
    rnd = random.Random(a.seed)
    all_relations = ["order", "threads", "shift", "rename", "scale", "wide", "aliases", "shard"]
    relations = [r for r in all_relations if not a.only or r in a.only.split(",")]
    findings, refused, checked = 0, 0, {r: 0 for r in relations}
    for k in range(a.count):
        tmp = tempfile.mkdtemp(prefix="smeta-")
        series, options = batch(rnd, sets)
        base_in = os.path.join(tmp, "base.csv")
        write_long(base_in, series)
        base, why = forecast(a.binary, base_in, os.path.join(tmp, "base"), options)
        if why and "exit 65" in why and "out of range for --kind" in why:
            refused += 1  # values below zero with --kind stock or flow: refused on purpose
            shutil.rmtree(tmp, ignore_errors=True)
            continue
        if why:
            findings += 1
            print(f"round {k}: base run {why}")
            keep = os.path.join(a.keep, f"series-{a.seed}-{k}-base")
            os.makedirs(keep, exist_ok=True)
            shutil.copy(base_in, keep)
            with open(os.path.join(keep, "why.txt"), "w") as f:
                f.write(f"{options}\n{why}\n")
            continue
        bt_base = lib_base = None
        largest = {sid: max(abs(x) for x in v) for sid, _, v in series}
        for rel in relations:
            inp = os.path.join(tmp, f"{rel}.csv")
            out = os.path.join(tmp, rel)
            extra = ()
            if rel == "order":
                write_long(inp, series, order=rnd)
            elif rel == "threads":
                inp, extra = base_in, ("--threads", "1")
            elif rel == "shift":
                shift = rnd.choice([-1000, -7, 1, 37, 1000])
                write_long(inp, [(sid, p + shift, v) for sid, p, v in series])
            elif rel == "rename":
                pattern = rnd.choice(NAMES)
                new = {sid: pattern.format(j) for j, (sid, _, _) in enumerate(series)}
                write_long(inp, [(new[sid], p, v) for sid, p, v in series])
            elif rel == "scale":
                c = rnd.choice([1000.0, 0.001])
                write_long(inp, [(sid, p, [x * c for x in v]) for sid, p, v in series])
            elif rel == "wide":
                # A wide table's columns are years (1900–2200): periods moved into them.
                shift = 1999
                write_wide(inp, [(sid, p + shift, v) for sid, p, v in series])
            elif rel == "aliases":
                write_long(inp, series, names=("unique_id", "ds", "y"))
            if rel == "shard":
                n = rnd.choice([2, 3, 4])
                got, why = sharded(a.binary, base_in, out, options, n)
                if not why:
                    why = same(base, got, f"in {n} shards, merged", sort=True)
                inp = base_in
            else:
                got, why = forecast(a.binary, inp, out, options, extra)
            if not why and rel != "shard":
                if rel == "wide":
                    back = [[r[0], str(int(r[1]) - shift)] + r[2:] for r in got[0][1:]]
                    why = same(base, ([got[0][0]] + back, got[1]), "(wide)", sort=True)
                elif rel in ("order", "aliases"):
                    why = same(base, got, f"({rel})", sort=True)
                elif rel == "threads":
                    why = same(base, got, "with --threads 1")
                elif rel == "shift":
                    back = [[r[0], str(int(r[1]) - shift)] + r[2:] for r in got[0][1:]]
                    why = same(base, ([got[0][0]] + back, got[1]), f"with periods moved by {shift}")
                elif rel == "rename":
                    old = {v: s for s, v in new.items()}
                    back = ([got[0][0]] + [[old[r[0]]] + r[1:] for r in got[0][1:]],
                            [got[1][0]] + [[old[r[0]]] + r[1:] for r in got[1][1:]])
                    why = same(base, back, f"with ids renamed ({pattern})", sort=True)
                elif rel == "scale":
                    why = scaled(base, got, c, largest, f"with values × {c}")
            if not why and rel in ("order", "threads", "shift", "rename", "aliases"):
                # backtest's metrics and library's table do not depend on these either.
                if bt_base is None:
                    bt_base = backtest(a.binary, base_in, os.path.join(tmp, "base"), options)
                    lib_base = library(a.binary, base_in, os.path.join(tmp, "base"))
                bt = backtest(a.binary, inp, out, options, extra)
                if (bt_base[1] is None) != (bt[1] is None) or not close_metrics(bt_base[0], bt[0]):
                    why = f"backtest changed ({rel}): {bt_base[1] or ''}{bt[1] or ''} " + (
                        next((f"{x} → {y}" for x, y in zip(bt_base[0], bt[0]) if x != y and x[0] != "wall_seconds"), "")
                        if bt_base[0] and bt[0] else "")
                lib = library(a.binary, inp, out, extra)
                if not why and ((lib_base[1] is None) != (lib[1] is None) or lib_base[0] != lib[0]):
                    why = f"library changed ({rel}): {lib_base[1] or ''}{lib[1] or ''} " + (
                        next((f"{x} → {y}" for x, y in zip(lib_base[0], lib[0]) if x != y), "")
                        if lib_base[0] and lib[0] else "")
            checked[rel] += 1
            if why:
                findings += 1
                keep = os.path.join(a.keep, f"series-{a.seed}-{k}-{rel}")
                os.makedirs(keep, exist_ok=True)
                shutil.copy(base_in, keep)
                shutil.copy(inp, os.path.join(keep, "changed.csv"))
                with open(os.path.join(keep, "why.txt"), "w") as f:
                    f.write(f"options: {' '.join(options + list(extra))}\n{why}\n")
                print(f"finding {k} ({rel}): {' '.join(options)}: {why}")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"series metamorphic: {a.count} batches, {refused} refused (65), checked {checked}, {findings} findings")


if __name__ == "__main__":
    main()
