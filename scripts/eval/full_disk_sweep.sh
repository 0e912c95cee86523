#!/bin/bash
# Full-disk sweep (needs root: it mounts a 2 MB tmpfs). Each command that writes is run with
# 0 to 80 pages (4 KB) of room left; a finding is an exit status other than 0 or 74, or, after
# exit 74, anything left on the disk (a staged folder, a lock file, a parent folder it created).
# A shard's parts folder is left by design (other shards write into it).
#
#   bash scripts/eval/full_disk_sweep.sh .build/release/plancast
set -u
PC=$(realpath "${1:?usage: full_disk_sweep.sh PLANCAST_BINARY}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
P=$ROOT/Notebooks-data/kunshan-2022-2025
F=$ROOT/Tests/RunsTests/Fixtures/five-year-plan
W=$(mktemp -d)
M=$W/disk
mkdir -p "$M"
trap 'umount "$M" 2>/dev/null; rm -rf "$W"' EXIT
printf 'series_id,period,value\na,1,10\na,2,12\na,3,13\na,4,15\na,5,16\na,6,18\nb,1,5\n' > "$W/series.csv"
"$PC" run --plan "$P" --paths 300 --no-sensitivity --out "$W/ra" > /dev/null 2>&1
"$PC" run --plan "$P" --paths 300 --no-sensitivity --out "$W/rb" > /dev/null 2>&1
cmds=(
  "run --plan $P --paths 300 --no-sensitivity --out $M/x/y/o"
  "forecast --input $W/series.csv --horizon 3 --output $M/o.csv"
  "backtest --input $W/series.csv --horizon 1 --output $M/o.csv"
  "compare $W/ra $W/rb --output $M/o.csv"
  "evaluate --plan $F --outcomes $F/outcomes.csv --as-of 2013 --paths 300 --out $M/o"
  "run --plan $P --paths 300 --shard 1/2 --out $M/o"
  "indicators --plan $P --format csv"
)
findings=0
for c in "${cmds[@]}"; do
  for pages in 0 1 2 3 5 8 12 20 40 80; do
    umount "$M" 2> /dev/null
    mount -t tmpfs -o size=2m tmpfs "$M" || { echo "cannot mount a tmpfs (not root?)"; exit 2; }
    dd if=/dev/zero of="$M/fill" bs=4096 count=$((512 - pages)) 2> /dev/null
    # shellcheck disable=SC2086
    if [[ $c == indicators* ]]; then "$PC" $c > "$M/o.txt" 2> "$W/err"; else "$PC" $c > /dev/null 2> "$W/err"; fi
    rc=$?
    left=$(ls -A "$M" | grep -v -e '^fill$' -e '^o.txt$' | tr '\n' ' ')
    bad=0
    [[ $rc == 0 || $rc == 74 ]] || bad=1
    [[ $rc == 74 && -n $left && $c != *--shard* ]] && bad=1
    if [[ $bad == 1 ]]; then
      findings=$((findings + 1))
      echo "FINDING pages=$pages status=$rc left=[$left] :: ${c:0:50} :: $(head -c 200 "$W/err")"
    fi
  done
done
echo "full-disk sweep: ${#cmds[@]} commands × 10 fill levels, $findings findings"
[[ $findings == 0 ]]
