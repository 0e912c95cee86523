#!/usr/bin/env python3
"""SIGKILL the writers other than `run` and `forecast` at random moments; judge what they leave.

scripts/kill-rerun-test does this for `run` and `forecast`, interrupt_stress.py sends catchable
signals to `run`. The other commands that write — `evaluate --out`, `merge --out` (a run
folder), `library --output`, `backtest --output`, `compare --output` — promise the same: an
output is the old one or the new one whole, never half-written, and what a killed command
leaves behind is cleared by the next. For each command: a first output (version A) is written;
then, ROUNDS times, the command is started with other settings (version B), killed (SIGKILL)
after a random wait within 1.2 × its run time (every other kill within 0.8–1.05 ×, where
the output is written), and the output must equal A's or B's reference
byte for byte (every file of a folder); a rerun to the end must then give B's reference and
leave no other file in the folder beside it.

    python3 scripts/eval/kill_sweep.py BINARY ROUNDS [--seed N]
(run from the repository: it uses the bundled plan and the pseudo-plan fixtures)
"""
import argparse
import filecmp
import os
import random
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
M1 = os.path.join(ROOT, "../shared/data/m1-yearly/m1_yearly.csv")
TOURISM = os.path.join(ROOT, "../shared/data/tourism-yearly/tourism_yearly.csv")
LIBRARY = os.path.join(ROOT, "Tests/RunsTests/Fixtures/pseudo-plans/m1")


def snapshot(path):
    """{relative name: bytes} of a file or of every file below a folder; None if absent."""
    if not os.path.exists(path):
        return None
    if os.path.isfile(path):
        return {"": open(path, "rb").read()}
    out = {}
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, path)] = open(p, "rb").read()
    return out


def without_volatile(snap):
    """A snapshot without the figures that differ between two runs of the same command (the
    wall time in a manifest or a metrics table)."""
    if snap is None:
        return None
    out = {}
    for k, v in snap.items():
        text = v.decode("utf-8", "replace")
        lines = [l for l in text.splitlines()
                 if "wall_seconds" not in l and "seconds" not in l and "created" not in l and "elapsed" not in l]
        out[k] = "\n".join(lines)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("rounds", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    b = os.path.abspath(a.binary)
    w = tempfile.mkdtemp(prefix="plancast-kill-")
    os.chdir(ROOT)
    # Inputs made once: two runs to compare, shards to merge.
    subprocess.run([b, "run", "--paths", "20000", "--out", f"{w}/in/r1"], capture_output=True, check=True)
    subprocess.run([b, "run", "--paths", "20000", "--seed", "3", "--out", f"{w}/in/r2"], capture_output=True,
                   check=True)
    for paths in (20000, 30000):
        for k in (1, 2, 3):
            subprocess.run([b, "run", "--paths", str(paths), "--shard", f"{k}/3", "--out", f"{w}/in/parts{paths}"],
                           capture_output=True, check=True)
    commands = {
        # name: (output path, version A arguments, version B arguments)
        "evaluate": ("out/ev", ["evaluate", "--library", LIBRARY, "--paths", "3000", "--out", "{o}", "--force"],
                     ["evaluate", "--library", LIBRARY, "--paths", "20000", "--out", "{o}", "--force"]),
        "merge": ("out/merged", ["merge", f"{w}/in/parts20000", "--out", "{o}", "--force"],
                  ["merge", f"{w}/in/parts30000", "--out", "{o}", "--force"]),
        "library": ("out/lib.csv", ["library", "--input", TOURISM, "--output", "{o}"],
                    ["library", "--input", M1, "--output", "{o}"]),
        "backtest": ("out/bt.csv", ["backtest", "--input", TOURISM, "--horizon", "4", "--output", "{o}"],
                     ["backtest", "--input", M1, "--horizon", "6", "--output", "{o}"]),
        "compare": ("out/cmp.csv", ["compare", f"{w}/in/r1", f"{w}/in/r1", "--output", "{o}"],
                    ["compare", f"{w}/in/r1", f"{w}/in/r2", "--output", "{o}"]),
    }
    findings = 0
    for name, (rel, va, vb) in commands.items():
        out = os.path.join(w, name, rel)
        folder = os.path.dirname(out)
        os.makedirs(folder, exist_ok=True)
        fill = lambda args: [x.replace("{o}", out) for x in args]  # noqa: E731
        ref = os.path.join(w, name, "ref-" + os.path.basename(rel))
        subprocess.run([b, *[x.replace("{o}", ref) for x in vb]], capture_output=True)
        t0 = time.time()
        subprocess.run([b, *fill(vb)], capture_output=True)
        duration = time.time() - t0
        # The reference was written to another path, which a manifest names: read it as `out`.
        want_b = {k: v.replace(ref, out) for k, v in (without_volatile(snapshot(ref)) or {}).items()}
        outcomes = {"A": 0, "B": 0}
        for r in range(a.rounds):
            subprocess.run([b, *fill(va)], capture_output=True)
            want_a = without_volatile(snapshot(out))
            p = subprocess.Popen([b, *fill(vb)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Half the kills anywhere, half near the end, where the output is written.
            time.sleep(rnd.uniform(0, 1.2 * duration) if r % 2 else rnd.uniform(0.8 * duration, 1.05 * duration))
            p.kill()
            p.wait()
            got = without_volatile(snapshot(out))
            if got == want_a:
                outcomes["A"] += 1
            elif got == want_b:
                outcomes["B"] += 1
            else:
                findings += 1
                names = sorted(k for k in set(got or {}) | set(want_b) if (got or {}).get(k) != want_b.get(k))
                print(f"{name} round {r}: after the kill the output is neither A nor B (files differing from B: "
                      f"{names[:5]})")
                continue
        # The rerun clears what the kills left: only the output and whatever was there before.
        subprocess.run([b, *fill(vb)], capture_output=True)
        if without_volatile(snapshot(out)) != want_b:
            findings += 1
            print(f"{name}: the rerun after the kills did not give B's output")
        extra = sorted(set(os.listdir(folder)) - {os.path.basename(rel)})
        if extra:
            findings += 1
            print(f"{name}: left beside the output after the rerun: {extra}")
        print(f"{name}: {a.rounds} kills within {1.2 * duration:.2f} s: {outcomes['A']} left A, {outcomes['B']} left B")
    shutil.rmtree(w, ignore_errors=True)
    print(f"kill sweep: {len(commands)} commands × {a.rounds} kills, {findings} findings")


if __name__ == "__main__":
    main()
