#!/usr/bin/env python3
"""Writes Tests/IOTests/Fixtures/gb18030-python-reference.json: random texts as Python's own
gb18030 codec encodes them, the independent reference for plancast's GB18030 decoding (iconv).

    gb18030_reference.py [CASES] [SEED]      (defaults 300 and 20261203)

Texts mix ASCII cells and line ends, common Chinese (two-byte codes), full-width punctuation,
rarer characters of the four-byte range (CJK Extension A and B, Latin letters with accents,
emoji) and the euro sign; each case holds the bytes (hex) and the text they decode to. The file
as a whole is not valid UTF-8, so automatic detection must choose GB18030.
"""
import json
import os
import random
import sys

cases = int(sys.argv[1]) if len(sys.argv) > 1 else 300
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261203)
PIECES = ["indicator,year,value", "\n", "\r\n", ",", "2024", "3.83", "高新技术企业", "研发投入强度", "昆山",
          "人才资源总量", "（万人）", "，", "。", "％", "“突破”", "é", "ü", "€", "㐀", "䶵", "𠀀", "𪜀", "😀", "·", "—", "½"]
out = []
while len(out) < cases:
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
    data = text.encode("gb18030")
    try:
        data.decode("utf-8")
        continue  # plain ASCII (or otherwise valid UTF-8): not a GB18030 case
    except UnicodeDecodeError:
        pass
    out.append({"hex": data.hex(), "text": text})
path = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "IOTests", "Fixtures", "gb18030-python-reference.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"generator": "scripts/eval/gb18030_reference.py", "cases": out}, f, ensure_ascii=False, indent=0)
print(f"{len(out)} cases written to {os.path.normpath(path)}")
