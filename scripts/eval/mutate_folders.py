#!/usr/bin/env python3
"""Mutation testing of the folders plancast itself writes and reads back: run folders (`compare`)
and shard parts (`merge`), beside mutate_pipeline.py (inputs) and the libFuzzer harness (readers).

A manifest guards a folder's bytes, not their meaning: a reviewer's folder may have been edited
and re-hashed by hand. Each trial copies a fresh folder, damages a CSV, a tally or the manifest
(re-hashing the outputs most of the time, so the damage gets past the SHA-256 check), runs the
command and keeps every trial that exits with anything but 0/1 (compare) or 0 (merge) and 65,
hangs, refuses without naming a file, or writes `nan` into a table it reports as a success.

    python3 scripts/eval/mutate_folders.py BINARY {compare,merge-run,merge-forecast} SECONDS \
        [--seed N] [--keep DIR] [--scratch DIR]

Seeded: the same seed and binary give the same trials. The first such run (2026-11-30) found
`compare` accepting p_met = nan ("insufficient_data → nan"); fixed, with a test in
Tests/RunsTests/RunPipelineTests.swift.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN = os.path.join(ROOT, "Notebooks-data", "kunshan-2022-2025")
M1 = os.path.join(os.path.dirname(ROOT), "shared", "data", "m1-yearly", "m1_yearly.csv")
CELLS = ["", "nan", "NaN", "inf", "-inf", "1e400", "-1", "0", "2", "1.5", "-0", "x", "中文", "0.5", '"', "\n",
         "2022", "2030", "99999999999", "baseline", "rd-push", "insufficient_data", "milestone", "goal_final",
         "increase", ",", "1e-320", "  0.3  ", "0x10", "+1"]
JSON = [None, 0, -1, 1, 3, 2**63, 1e308, "", "x", [], {}, True, "1/2", [1, 2], {"a": 1}]
OUTPUTS = {"compare": "manifest.json", "merge-run": "part.json", "merge-forecast": "part.json"}


def token(rnd):
    return json.loads(json.dumps(rnd.choice(JSON)))  # a fresh object: no shared or circular lists


def mutate_json(o, rnd, depth=0):
    if isinstance(o, dict) and o:
        k = rnd.choice(list(o))
        r = rnd.random()
        if r < 0.3 or depth > 3:
            o[k] = token(rnd)
        elif r < 0.4:
            del o[k]
        else:
            o[k] = mutate_json(o[k], rnd, depth + 1)
        return o
    if isinstance(o, list) and o:
        i = rnd.randrange(len(o))
        r = rnd.random()
        if r < 0.3:
            o[i] = token(rnd)
        elif r < 0.45:
            del o[i]
        elif r < 0.55:
            o.append(json.loads(json.dumps(o[i])))
        else:
            o[i] = mutate_json(o[i], rnd, depth + 1)
        return o
    return token(rnd)


def mutate_csv(path, rnd):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    for _ in range(rnd.randint(1, 4)):
        op, r = rnd.random(), rnd.randrange(len(rows))
        if op < 0.5 and rows[r]:
            rows[r][rnd.randrange(len(rows[r]))] = rnd.choice(CELLS)
        elif op < 0.6:
            del rows[r]
        elif op < 0.7:
            rows.insert(r, list(rows[rnd.randrange(len(rows))]))
        elif op < 0.8 and rows[r]:
            del rows[r][rnd.randrange(len(rows[r]))]
        elif op < 0.9:
            rows[r].append(rnd.choice(CELLS))
        else:
            c = rnd.randrange(len(rows[0]))
            for row in rows:
                if c < len(row):
                    del row[c]
    b = io.StringIO()
    csv.writer(b, lineterminator="\n").writerows(rows)
    open(path, "w", encoding="utf-8").write(b.getvalue())


def mutate_binary(path, rnd):
    b = bytearray(open(path, "rb").read())
    for _ in range(rnd.randint(1, 6)):
        r = rnd.random()
        if r < 0.5 and b:
            i = rnd.randrange(len(b)) if rnd.random() < 0.5 else rnd.randrange(min(len(b), 256))
            b[i] = rnd.randrange(256)
        elif r < 0.6 and b:
            i = rnd.randrange(min(len(b), 256))
            b[i:i + 8] = rnd.choice([b"\xff" * 8, b"\x7f" * 8, b"\x00" * 8, b"\x00" * 6 + b"\xf8\x7f"])
        elif r < 0.75 and b:
            del b[rnd.randrange(len(b)):]
        elif r < 0.85:
            b += bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 64)))
        elif b:
            i, j = rnd.randrange(len(b)), rnd.randrange(len(b))
            b[i:i + 8], b[j:j + 8] = b[j:j + 8], b[i:i + 8]
    open(path, "wb").write(bytes(b))


def rehash(folder, manifest):
    m = json.load(open(os.path.join(folder, manifest)))
    for o in m.get("outputs", []):
        data = open(os.path.join(folder, o["path"]), "rb").read()
        o["sha256"], o["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
    json.dump(m, open(os.path.join(folder, manifest), "w"), ensure_ascii=False)


def prepare(binary, mode, scratch):
    """The undamaged folder each trial starts from."""
    base = os.path.join(scratch, "base")
    shutil.rmtree(base, ignore_errors=True)
    if mode == "compare":
        subprocess.run([binary, "run", "--plan", PLAN, "--paths", "4000", "--out", base], check=True,
                       capture_output=True)
    elif mode == "merge-run":
        for k in (1, 2):
            subprocess.run([binary, "run", "--plan", PLAN, "--paths", "4000", "--shard", f"{k}/2", "--out", base],
                           check=True, capture_output=True)
    else:
        series = os.path.join(scratch, "m1.csv")
        with open(series, "w") as w:
            w.write("series_id,period,value\n")
            for x in csv.DictReader(open(M1)):
                if x["split"] == "train":
                    w.write(f"{x['series_id']},{x['t']},{x['value']}\n")
        for k in (1, 2):
            subprocess.run([binary, "forecast", "--input", series, "--horizon", "6", "--shard", f"{k}/2",
                            "--out", base], check=True, capture_output=True)
    for name in os.listdir(base):
        if name.startswith("."):
            os.remove(os.path.join(base, name))  # the lock files the shards leave
    return base


def trial(binary, mode, base, work, rnd):
    """Damages a copy of `base` and runs the command on it: (command, exit code, output, out path)."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out")
    if mode == "compare":
        a, b = os.path.join(work, "A"), os.path.join(work, "B")
        shutil.copytree(base, a)
        shutil.copytree(base, b)
        target = rnd.choice([a, b, b])
        if rnd.random() < 0.6:
            mutate_csv(os.path.join(target, rnd.choice(
                ["attainment.csv", "comparison.csv", "sensitivity.csv", "forecasts.csv"])), rnd)
            if rnd.random() < 0.9:
                rehash(target, "manifest.json")
        else:
            path = os.path.join(target, "manifest.json")
            m = json.load(open(path))
            for _ in range(rnd.randint(1, 3)):
                m = mutate_json(m, rnd)
            json.dump(m, open(path, "w"), ensure_ascii=False)
        extra = rnd.choice([[], [], ["--scenario-a", "baseline", "--scenario-b", "rd-push"],
                            ["--scenario-a", "rd-push"]])
        if rnd.random() < 0.5:
            extra += ["--output", out]
        # Half in Chinese: a refusal's Chinese words name the file as the English do (2026-12-05).
        if rnd.random() < 0.5:
            extra += ["--lang", "zh"]
        cmd = [binary, "compare", a, b] + extra
    else:
        parts = os.path.join(work, "parts")
        shutil.copytree(base, parts)
        folder = os.path.join(parts, rnd.choice(sorted(os.listdir(parts))))
        r = rnd.random()
        if r < 0.6:
            mutate_binary(os.path.join(folder, "tally.bin"), rnd)
            if rnd.random() < 0.85:
                rehash(folder, "part.json")
        elif r < 0.9:
            path = os.path.join(folder, "part.json")
            m = json.load(open(path))
            for _ in range(rnd.randint(1, 2)):
                m = mutate_json(m, rnd)
            json.dump(m, open(path, "w"))
        elif rnd.random() < 0.5:
            shutil.rmtree(folder)
        else:
            shutil.copytree(folder, os.path.join(parts, "part-3-of-2"))
        cmd = [binary, "merge", parts, "--out", out]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=120, text=True, errors="replace")
        return cmd, p.returncode, p.stdout + p.stderr, out
    except subprocess.TimeoutExpired:
        return cmd, "timeout", "", out


def judge(mode, rc, text, out):
    ok = (0, 1, 65) if mode == "compare" else (0, 65)
    if rc not in ok:
        return f"exit {rc}"
    if rc == 65:
        if os.path.exists(out):
            return "refused, but wrote its output"
        # A run folder's files: its CSVs, its manifest and its report (whose hash the manifest holds).
        names = ("manifest.json", ".csv", ".html") if mode == "compare" else ("part", "tally")
        if not any(n in text for n in names):
            return "refused without naming a file"
    tables = [out] if os.path.isfile(out) else [os.path.join(out, f) for f in ("attainment.csv", "forecasts.csv")]
    # Only the columns that hold numbers: a scenario or indicator may be named "nan" by the damage.
    names = ("p_met", "p_met_se", "p_met_a", "p_met_b", "difference", "combined_se", "median", "mean", "p05",
             "p95", "value")
    for t in tables:
        if rc in (0, 1) and os.path.isfile(t):
            for row in csv.DictReader(open(t, encoding="utf-8", errors="replace")):
                for k, v in row.items():
                    numeric = k in names or (k or "").startswith(("lo", "hi", "q0", "p"))
                    if numeric and (v or "").strip().lower() in ("nan", "inf", "-inf", "+inf"):
                        return f"non-finite {k} in {os.path.basename(t)}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("mode", choices=sorted(OUTPUTS))
    ap.add_argument("seconds", type=float)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", default="mutate-folders-findings")
    ap.add_argument("--scratch", default=None)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    scratch = a.scratch or tempfile.mkdtemp(prefix="plancast-mutate-folders-")
    os.makedirs(scratch, exist_ok=True)  # a --scratch that does not exist yet (forecast mode wrote into it at once)
    base = prepare(binary, a.mode, scratch)
    rnd = random.Random(a.seed)
    end, n, found = time.time() + a.seconds, 0, 0
    while time.time() < end:
        n += 1
        work = os.path.join(scratch, "work")
        cmd, rc, text, out = trial(binary, a.mode, base, work, rnd)
        why = judge(a.mode, rc, text, out)
        if why:
            found += 1
            keep = os.path.join(a.keep, f"{a.mode}-{a.seed}-{n}")
            shutil.copytree(work, keep)
            open(os.path.join(keep, "why.txt"), "w").write(f"{why}\n{' '.join(cmd)}\nexit {rc}\n{text[-2000:]}")
            print(f"FINDING {why}: {keep}", flush=True)
    print(f"{a.mode}: {n} commands, {found} findings")
    if a.scratch is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
