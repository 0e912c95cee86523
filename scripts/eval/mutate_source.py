#!/usr/bin/env python3
"""Mutation testing of the Swift sources: does a test fail when the code is wrong?

"A test that cannot fail is a defect": this script changes one operator or constant at a time in
a module's sources (`<=` for `<`, `&&` for `||`, `+` for `-`, `min` for `max`, `true` for
`false`, a literal nudged), rebuilds the tests incrementally and runs the module's own test
target, and a survivor again against every test target but the two slow ones (RunsTests and
PlancastCLITests, about two minutes and more). A mutant that builds and passes them "survives": either the change is equivalent
(it cannot alter a result) or no test pins that line. Survivors are listed with the line, to be
read by a person: add a test that kills it or write down why it is equivalent.

Run it in a scratch clone, never in the working tree you edit (it rewrites files while it runs):

    d=$(mktemp -d) && git clone -q . "$d" && cd "$d" && swift build --build-tests
    python3 scripts/eval/mutate_source.py Indicators 40 --seed 1 [--tests IndicatorsTests]

Seeded: the same seed and sources give the same mutants. The file is restored after each mutant
(also on Ctrl-C). Output: one line per mutant (killed / survived / no build) and a summary.
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys

ROOT = os.getcwd()

# (pattern, replacement): applied to one occurrence on a code line.
OPERATORS = [
    (r"(?<![<>=!])<=(?!=)", "<"),
    (r"(?<![<>=!\-])<(?![<=])", "<="),
    (r"(?<![<>=!])>=(?!=)", ">"),
    (r"(?<![<>=!\-])>(?![>=])", ">="),
    (r"==", "!="),
    (r"!=", "=="),
    (r"&&", "||"),
    (r"\|\|", "&&"),
    (r"(?<=\s)\+(?=\s)", "-"),
    (r"(?<=\s)-(?=\s)", "+"),
    (r"(?<=\s)\*(?=\s)", "/"),
    (r"(?<=\s)/(?=\s)", "*"),
    (r"\bmin\(", "max("),
    (r"\bmax\(", "min("),
    (r"\btrue\b", "false"),
    (r"\bfalse\b", "true"),
]
FLOAT = re.compile(r"(?<![\w.$])(\d+\.\d+)(?![\w.])")


def code_part(line):
    """The line up to a `//` comment, with string literals blanked (no mutants inside them).
    An interpolation `\\(...)` inside a string is code again, and a string inside it is blanked
    too: `"\\(zh ? "0.33–0.66 …" : "…")"` mutated the legend's text before 2026-12-03."""
    out, i = [], 0
    # A stack of contexts: "str", or the open-parenthesis depth of code inside an interpolation.
    stack = []
    in_str = False
    while i < len(line):
        c = line[i]
        if in_str:
            if line.startswith("\\(", i):
                stack.append(0)
                in_str = False
                out.append("  ")
                i += 2
                continue
            if c == "\\":
                out.append(" " * len(line[i:i + 2]))
                i += 2
                continue
            if c == '"':
                in_str = False
                if stack and stack[-1] == "str":
                    stack.pop()  # back to the interpolation's code
                out.append(c)
            else:
                out.append(" ")
            i += 1
            continue
        if c == '"':
            if stack:
                stack.append("str")
            in_str = True
            out.append(c)
        elif line.startswith("//", i):
            break
        elif stack and stack[-1] != "str" and c == "(":
            stack[-1] += 1
            out.append(c)
        elif stack and stack[-1] != "str" and c == ")":
            if stack[-1] == 0:
                stack.pop()
                in_str = True
                out.append(" ")
            else:
                stack[-1] -= 1
                out.append(c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def sites(path):
    """Every (line index, start, end, replacement) a mutant can take in `path`."""
    found = []
    lines = open(path, encoding="utf-8").read().split("\n")
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("//") or stripped.startswith("import ") or "<T" in line:
            continue
        # Generic parameter lists and arrows are not comparisons.
        code = code_part(line)
        if "->" in code and re.search(r"func |init\(", code):
            continue
        for pattern, repl in OPERATORS:
            for m in re.finditer(pattern, code):
                if pattern.startswith("(?<![<>=!\\-])<") and re.search(r"\w<\w", code[max(0, m.start() - 1):m.end() + 1]):
                    continue  # Array<Double>, Set<Int>
                if pattern.startswith("(?<![<>=!\\-])>") and (code[m.start() - 1:m.start()].isalnum() or "->" in code[m.start() - 1:m.end()]):
                    continue
                found.append((n, m.start(), m.end(), repl))
        for m in FLOAT.finditer(code):
            v = float(m.group(1))
            found.append((n, m.start(), m.end(), repr(v * 1.25 if v != 0 else 0.1)))
    return lines, found


def kill_leftovers():
    """Kills every process running a binary of this clone's .build folder. `swift test` starts
    the test bundle in a process group of its own, so killing the command's group missed it: on
    2026-12-03 a looping Forecasting mutant's test bundle, reparented to init, ran 25 minutes
    into the next rounds (and slowed a full test run to 472 s)."""
    build = os.path.join(ROOT, ".build") + os.sep
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv0 = f.read().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        if argv0.startswith(build):
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def run(cmd, timeout):
    """Runs `cmd` in its own process group; on timeout the whole group is killed (a mutant that
    loops forever leaves the test process behind otherwise), which counts as a failure."""
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        # Whatever `swift test` left running in its group goes too: on 2026-12-03 a mutant's
        # test process outlived a round that had finished normally, spinning for 50 minutes.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        kill_leftovers()
        return p.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        kill_leftovers()
        p.communicate()
        return "timeout", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module", help="a folder of Sources/, e.g. Indicators")
    ap.add_argument("count", type=int, help="how many mutants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tests", help="swift test --filter (default: <module>Tests)")
    ap.add_argument("--files", help="comma-separated file names within the module, also in its subfolders "
                    "(Models/Theta.swift or Theta.swift; default: every file at the module's top level)")
    ap.add_argument("--narrow", action="store_true",
                    help="only the module's own tests (default: a survivor is rerun against every target "
                    "but the slow RunsTests and PlancastCLITests, which test the module through others)")
    a = ap.parse_args()
    folder = os.path.join(ROOT, "Sources", a.module)
    files = sorted(f for f in os.listdir(folder) if f.endswith(".swift") and "BuiltIn" not in f)
    if a.files:
        # Named files may sit in subfolders (Forecasting/Models); the default stays the top level,
        # so that earlier rounds' seeds pick the same mutants.
        wanted = a.files.split(",")
        nested = sorted(os.path.relpath(os.path.join(d, f), folder)
                        for d, _, fs in os.walk(folder) for f in fs
                        if f.endswith(".swift") and "BuiltIn" not in f)
        files = [f for f in nested if f in wanted or os.path.basename(f) in wanted]
    candidates = []
    for f in files:
        _, s = sites(os.path.join(folder, f))
        candidates += [(f,) + x for x in s]
    rng = random.Random(a.seed)
    chosen = rng.sample(candidates, min(a.count, len(candidates)))
    tests = a.tests or f"{a.module}Tests"
    tally = {"killed": 0, "survived": 0, "no build": 0}
    print(f"{len(candidates)} sites in {len(files)} files; {len(chosen)} mutants; tests {tests}", flush=True)
    for f, n, start, end, repl in chosen:
        path = os.path.join(folder, f)
        original = open(path, encoding="utf-8").read()
        lines = original.split("\n")
        before = lines[n]
        lines[n] = before[:start] + repl + before[end:]
        try:
            open(path, "w", encoding="utf-8").write("\n".join(lines))
            rc, _ = run(["swift", "build", "--build-tests"], 900)
            if rc != 0:
                verdict = "no build"
            else:
                rc, _ = run(["swift", "test", "--skip-build", "--filter", tests], 300)
                verdict = "survived" if rc == 0 else "killed"
                if verdict == "survived" and not a.narrow:
                    rc, _ = run(["swift", "test", "--skip-build", "--skip", "^RunsTests\\.",
                                 "--skip", "^PlancastCLITests\\."], 600)
                    verdict = "survived" if rc == 0 else "killed"
        finally:
            open(path, "w", encoding="utf-8").write(original)
        tally[verdict] += 1
        shown = before.strip()
        print(f"{verdict:9} {a.module}/{f}:{n + 1}: '{before[start:end]}' -> '{repl}'   {shown[:110]}", flush=True)
    built = tally["killed"] + tally["survived"]
    print(f"summary: {tally['killed']} killed, {tally['survived']} survived, {tally['no build']} did not build"
          + (f"; score {tally['killed'] / built:.2f}" if built else ""))
    run(["swift", "build", "--build-tests"], 900)


if __name__ == "__main__":
    main()
