#!/usr/bin/env python3
"""Differential fuzz of plancast's YAML key scan (Sources/IO/YAMLKeys.swift) against libyaml.

    yaml_key_diff.py BINARY CASES SEED      (needs PyYAML built with libyaml: python3-yaml)

Generates small YAML texts from indicator-rich fragments (quotes, '? ', aliases, anchors, tags,
flow brackets, comments, block scalars, continued lines), keeps those libyaml parses with a
mapping at the root, and compares where libyaml finds the first key that is not plain text (an
explicit '? ' key, an alias or a collection as a key) with what `plancast check` refuses. Prints
the disagreements and one line of counts. plancast uses libyaml too (through Yams), so libyaml's
own scanner and parser are the reference.

First run 2026-12-03: a double quote inside plain text (`5" wide`) hid every later key (an alias
bomb behind it made `check` run until killed), and `? ` at the start of a continued line was
refused; 0 disagreements in 15,000 cases since.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

import yaml
binary, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
TOK = ["a", "b1", "x-y", "- ", "? ", ": ", ":", "*a", "&a ", "!!str ", "!t ", "[", "]", "{", "}", ", ", ",",
       "'", "\"", "\\", "#", " # c", "|", ">", "''", "-", "?", " ", "  ", "1", "*a ", "\\\"", "%", "@", "`"]
def text():
    lines = []
    for _ in range(rng.randint(1, 5)):
        ind = " " * rng.choice([0, 0, 2, 4])
        head = rng.choice(["k%d: " % rng.randint(0, 9), "", "- ", "  "]) if lines else "k: "
        lines.append(ind + head + "".join(rng.choice(TOK) for _ in range(rng.randint(1, 5))))
    return "\n".join(lines) + "\n"
def oracle(t):
    """(line, col) of the first explicit key, alias key or collection key per libyaml; None."""
    found = []
    for tok in yaml.scan(t, Loader=yaml.CLoader):
        if isinstance(tok, yaml.KeyToken):
            m = tok.start_mark
            if tok.end_mark.index != m.index:  # the '?' indicator (a simple key's token is empty)
                found.append((m.line + 1, m.column + 1))
    # events: key position
    stack = []  # each: [kind, expecting_key]
    for ev in yaml.parse(t, Loader=yaml.CLoader):
        keypos = bool(stack) and stack[-1][0] == "map" and stack[-1][1]
        if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if keypos: found.append((ev.start_mark.line + 1, ev.start_mark.column + 1))
            if stack and stack[-1][0] == "map": stack[-1][1] = not stack[-1][1]
            stack.append(["map" if isinstance(ev, yaml.MappingStartEvent) else "seq", True])
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        elif isinstance(ev, (yaml.ScalarEvent, yaml.AliasEvent)):
            if keypos and isinstance(ev, yaml.AliasEvent): found.append((ev.start_mark.line + 1, ev.start_mark.column + 1))
            if stack and stack[-1][0] == "map": stack[-1][1] = not stack[-1][1]
    return min(found) if found else None
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
plan = os.path.join(root, "Notebooks-data", "kunshan-2022-2025")
scratch = tempfile.mkdtemp(prefix="plancast-yaml-diff-")
valid = fp = fn = 0
shown = 0
for i in range(n):
    t = text()
    try:
        evs = list(yaml.parse(t, Loader=yaml.CLoader))
        if len(evs) < 3 or not isinstance(evs[2], yaml.MappingStartEvent): continue
        o = oracle(t)
    except yaml.YAMLError:
        continue
    valid += 1
    p = os.path.join(scratch, "t.yaml")
    open(p, "w").write(t)
    r = subprocess.run([binary, "check", p, "--plan", plan], capture_output=True, text=True)
    m = re.search(r":(\d+):(\d+): a key must be plain text", r.stderr)
    s = (int(m.group(1)), int(m.group(2))) if m else None
    if r.returncode < 0: print("SIGNAL", repr(t)); continue
    if (o is None) != (s is None):
        if o is None: fp += 1
        else: fn += 1
        if shown < 12:
            shown += 1; print("oracle", o, "scanner", s, repr(t))
print(f"{valid} valid of {n}; scanner flagged a libyaml-plain file {fp}x, missed {fn}x")
os.remove(os.path.join(scratch, "t.yaml")) if os.path.exists(os.path.join(scratch, "t.yaml")) else None
os.rmdir(scratch)
