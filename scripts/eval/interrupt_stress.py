#!/usr/bin/env python3
"""Interrupts many bundled runs while they write their output; counts what each leaves behind.

    interrupt_stress.py BINARY ROUNDS SEED

Each round starts `BINARY run` on the bundled plan (200,000 paths, no sensitivity) into a
scratch folder, waits for its staging folder `.run.partial-PID`, waits 0 to 4 ms more (seeded),
and sends SIGTERM, SIGINT or SIGHUP. A run must then die by that signal and leave nothing, or,
if it finished first, leave a complete run folder. Prints one line of counts.

Written 2026-12-03, when CI caught a run that kept its staging folder: at dd8ae82, 11 of 100
rounds (seed 9) left something and one exited 74 ("the folder does not exist") instead of dying
by the signal; with `Leftovers.changing`, 0 of 100.
"""
import os
import random
import shutil
import signal
import sys
import tempfile
import time

binary, rounds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
scratch = tempfile.mkdtemp(prefix="plancast-interrupt-")
caught = left = complete = 0
odd = []
for r in range(rounds):
    out = scratch + "/run"
    pid = os.posix_spawn(
        binary,
        [binary, "run", root + "/Scenarios/baseline.yaml", "--plan", root + "/Notebooks-data/kunshan-2022-2025",
         "--paths", str(200000 + r), "--no-sensitivity", "--out", out],
        dict(os.environ),
        file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                      (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    staging = f"{scratch}/.run.partial-{pid}"
    ended = None
    while ended is None and not os.path.exists(staging):
        p, status = os.waitpid(pid, os.WNOHANG)
        if p:
            ended = status
    if ended is None:
        start, delay = time.perf_counter(), rng.uniform(0, 0.004)
        while time.perf_counter() - start < delay:
            pass
        os.kill(pid, rng.choice([signal.SIGTERM, signal.SIGINT, signal.SIGHUP]))
        _, ended = os.waitpid(pid, 0)
    if os.path.exists(out + "/manifest.json"):
        complete += 1
        shutil.rmtree(out)
    else:
        caught += 1
        if not os.WIFSIGNALED(ended):
            odd.append(os.waitstatus_to_exitcode(ended))
    rest = os.listdir(scratch)
    if rest:
        left += 1
        for e in rest:
            p = scratch + "/" + e
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
shutil.rmtree(scratch, ignore_errors=True)
print(f"{binary}: {rounds} rounds, {caught} interrupted, {complete} complete, "
      f"{left} left something, exit codes instead of the signal: {odd}")
