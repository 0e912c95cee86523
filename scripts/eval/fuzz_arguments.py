"""Random command lines with hostile option values (numbers out of range, empty and huge strings,
devices, folders, the inputs themselves as outputs, shard specs, model names): a finding is a
signal, an exit code outside 0/1/64/65/73/74, or a command that runs over 60 s. Every path it uses
lies in a scratch folder holding copies of the bundled plan and scenarios (a command may write
over any file it is given, as asked).
usage: python3 scripts/eval/fuzz_arguments.py BINARY SECONDS SEED [SCRATCH]"""
import os, random, shutil, subprocess, sys, tempfile, time
from collections import Counter
B = os.path.abspath(sys.argv[1]); secs = float(sys.argv[2]); seed = int(sys.argv[3])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
r = random.Random(seed)
SCRATCH = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else tempfile.mkdtemp(prefix="plancast-argfuzz-")
W = os.path.join(SCRATCH, "work"); os.makedirs(W, exist_ok=True)
P = os.path.join(W, "Notebooks-data", "kunshan-2022-2025")
S = os.path.join(W, "Scenarios")
def prepare():
    """The inputs, written afresh (a command may have replaced one it was given as an output)."""
    for d, src in [(P, ("Notebooks-data", "kunshan-2022-2025")), (S, ("Scenarios",)),
                   (F, ("Tests", "RunsTests", "Fixtures", "five-year-plan"))]:
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(os.path.join(root, *src), d)
    # Twelve nine-year series (a library needs ten) and one with a gap.
    open(W + "/s.csv", "w").write("series_id,period,value\n" + "".join(
        f"s{k},{2000 + t},{(1 + k) * (1 + t * t) + (t * 7 + k) % 5}\n" for k in range(12) for t in range(9))
        + "b,2000,5\nb,2002,7\nb,2003,6\nb,2004,9\nb,2005,8\n")
    open(W + "/ols.csv", "w").write("y,x\n1,1\n2,2\n3,2.5\n4,4.2\n")
    # Twelve shares in percent (for --kind share), one touching 0 and one 100.
    open(W + "/sh.csv", "w").write("series_id,period,value\n" + "".join(
        f"p{k},{2000 + t},{min(99.5, 2 + 7 * k + (t * 3 + k) % 4)}\n" for k in range(12) for t in range(9))
        + "z,2000,0\nz,2001,3\nz,2002,5\nh,2000,99\nh,2001,100\nh,2002,98\n")
F = os.path.join(W, "five-year-plan")
prepare()
if not os.path.isdir(W + "/run1"):
    subprocess.run([B, "run", "--plan", P, "--out", W + "/run1", "--paths", "500"], capture_output=True)
for k in (1, 2):  # parts for merge
    subprocess.run([B, "run", "--plan", P, "--out", W + "/parts", "--paths", "500", "--shard", f"{k}/2"], capture_output=True)
vals = ["", "-", "--", "0", "-1", "1", "2", "3", "1e9", "99999999999999999999", "nan", "inf", "0.5", "1/0", "0/0",
        "2/1", "1/2", "auto", "5/3", "a,b", ",", "0.05,0.5", "0.5,0.5", "1,0", "80,95", "100", "0.999999", "zh", "en",
        "xx", "中文", "/dev/null", "/dev/zero", "/dev/full", "/proc/self/status", "/", "/tmp", W + "/s.csv",
        W + "/ols.csv", W + "/sh.csv", W + "/run1", W + "/out", W + "/out.csv", W + "/lib.csv", W + "/ev", W + "/parts", W + "/merged", F, F + "/outcomes.csv", P, P + "/plan.yaml", P + "/observations.csv",
        S + "/baseline.yaml", "drift", "naive,theta@log", "mean@log", "stock", "share", "x:3", "x:0", "x:99", "y", "x",
        "1900", "2200", "2025", "2022", "3000", "-5", "\t", " ", "a" * 5000, "%s%n", "$(reboot)", "../../etc/passwd"]
opts = {
 "run": ["--plan", "--observations", "--encoding", "--as-of", "--paths", "--seed", "--threads", "--out", "--force", "--lang", "--excel", "--no-sensitivity", "--recalibration", "--shard"],
 "forecast": ["--input", "--horizon", "--levels", "--quantiles", "--kind", "--models", "--library", "--threads", "--encoding", "--output", "--status", "--calibration", "--shard", "--calibrated-by", "--out", "--excel"],
 "backtest": ["--input", "--horizon", "--levels", "--quantiles", "--kind", "--models", "--library", "--threads", "--encoding", "--origins", "--output", "--forecasts"],
 "compare": ["--output", "--scenario-a", "--scenario-b", "--lang"],
 "check": ["--plan", "--observations", "--encoding"],
 "indicators": ["--plan", "--observations", "--encoding", "--format", "--lang", "--excel"],
 "ols": ["--y", "--x", "--poly", "--no-intercept", "--diagnostics", "--encoding"],
 "bench": ["--paths", "--indicators", "--years", "--threads"],
 "library": ["--input", "--output", "--source", "--kind", "--models", "--threads"],
 "merge": ["--out", "--force"],
 "reproduce": ["--out", "--threads", "--lang"],
 "evaluate": ["--plan", "--observations", "--encoding", "--outcomes", "--as-of", "--library", "--years-after-base", "--recalibration", "--paths", "--seed", "--base-rate", "--base-rate-from", "--threads", "--out", "--force", "--lang"],
}
flags = {"--force", "--excel", "--no-sensitivity", "--no-intercept", "--diagnostics"}
base = {"forecast": ["--input", W + "/s.csv", "--horizon", "2"], "backtest": ["--input", W + "/s.csv", "--horizon", "1"],
        "compare": [W + "/run1", W + "/run1"], "reproduce": [W + "/run1", "--out", W + "/rerun"], "ols": [W + "/ols.csv", "--y", "y"], "bench": ["mc"], "merge": [W + "/parts", "--out", W + "/merged", "--force"],
        "run": ["--plan", P, "--paths", "300"], "check": ["--plan", P], "indicators": ["--plan", P],
        "library": ["--input", W + "/s.csv", "--output", W + "/lib.csv"],
        "evaluate": ["--plan", F, "--outcomes", F + "/outcomes.csv", "--as-of", "2023", "--paths", "300", "--out", W + "/ev", "--force"]}
ok = {0, 1, 64, 65, 73, 74}
end = time.time() + secs; n = 0; findings = 0
codes = Counter()
while time.time() < end:
    cmd = r.choice(list(opts))
    args = list(base[cmd]) if r.random() < 0.8 else []
    for _ in range(r.randint(0, 4)):
        o = r.choice(opts[cmd])
        args.append(o)
        if o not in flags: args.append(r.choice(vals))
    if r.random() < 0.1: args.insert(r.randrange(len(args) + 1), r.choice(vals))
    before = set(os.listdir(SCRATCH))
    try:
        p = subprocess.run([B, cmd] + args, capture_output=True, timeout=60, cwd=SCRATCH, stdin=subprocess.DEVNULL)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
    n += 1; codes[(cmd, rc)] += 1
    bad = rc == "timeout" or rc not in ok
    if bad:
        findings += 1
        print("FINDING", rc, [cmd] + args, (p.stderr[-300:] if rc != "timeout" else b""), flush=True)
    # keep the work folder tidy
    for e in set(os.listdir(SCRATCH)) - before:
        q = os.path.join(SCRATCH, e)
        shutil.rmtree(q, ignore_errors=True) if os.path.isdir(q) else os.remove(q)
    # A command may have replaced a copied input it was given as an output: restore the copies.
    if bad or r.random() < 0.05:
        prepare()
print(f"{n} commands, {findings} findings")
print(sorted(codes.items(), key=lambda x: str(x)))
