#!/usr/bin/env python3
"""Writes Tests/IOTests/Fixtures/csv-python-reference.json: random RFC 4180 files and how
Python's csv module reads them (rows, and the line each row starts on), the independent
reference that `CSVReferenceTests` holds plancast's CSV reader to.

    csv_reference.py [CASES] [SEED]      (defaults 400 and 20261203)

Cells mix plain text, numbers, Chinese, empty cells, and quoted cells holding separators,
doubled quotes and line ends (LF and CRLF); files end their lines in LF or CRLF, with blank
lines and rows of empty cells between rows (which plancast skips, as documented) and with or
without a last line end. Header names are plain lower-case words, as plancast reads them.
"""
import csv
import io
import json
import os
import random
import sys

cases = int(sys.argv[1]) if len(sys.argv) > 1 else 400
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261203)
PLAIN = ["a", "12.5", "-3", "2,744".replace(",", ""), "", "中文指标", "x y", "0", "1e3", "高新技术企业数"]
QUOTED = ['"a,b"', '"say ""hi"""', '"two\nlines"', '"crlf\r\nline"', '""', '"中,文"', '","', '""""', '"end\n"']


def cell():
    return rng.choice(QUOTED) if rng.random() < 0.3 else rng.choice(PLAIN)


out = []
for _ in range(cases):
    width = rng.randint(1, 5)
    eol = rng.choice(["\n", "\r\n"])
    lines = [",".join(f"c{j}" for j in range(width))]
    for _ in range(rng.randint(0, 6)):
        r = rng.random()
        if r < 0.1:
            lines.append("")
        elif r < 0.15:
            lines.append("," * (width - 1))
        else:
            lines.append(",".join(cell() for _ in range(width)))
    text = eol.join(lines) + (eol if rng.random() < 0.7 else "")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, starts, previous = [], [], 0
    for row in reader:
        start = previous + 1
        previous = reader.line_num
        if row and not all(c.strip() == "" for c in row):
            rows.append(row)
            starts.append(start)
    out.append({"text": text, "header": rows[0], "rows": rows[1:], "lines": starts[1:]})
path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "IOTests", "Fixtures", "csv-python-reference.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"generator": "scripts/eval/csv_reference.py", "python_csv": True, "cases": out}, f,
              ensure_ascii=False, indent=0)
print(f"{len(out)} cases written to {os.path.normpath(path)}")
