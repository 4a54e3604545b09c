#!/usr/bin/env bash
# Linear resync: `wal stats` on 100 MiB of pseudo-random bytes followed by five
# valid batches — the whole file is scanned for the next valid batch header.
# Prints the median of 5 runs (file in the page cache) for salvage and broker
# mode (broker mode scans the rest too, to count what the broker would not
# load), with `cat file > /dev/null` from the same run. Files in ${WAL_BENCH_DIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${WAL_BENCH_DIR:-/tmp}
cargo build --release -q
cargo build --release -q --example gen_wal
f="$dir/groupctl-bench-random.log"
[ -f "$f" ] || ./target/release/examples/gen_wal random "$f" --mib 100
python3 - "$f" <<'PY'
import statistics, subprocess, sys, time, os
f = sys.argv[1]
size = os.path.getsize(f)
def med(cmd):
    subprocess.run(cmd, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
    ts = []
    for _ in range(5):
        t = time.perf_counter()
        r = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), r.returncode
cat, _ = med(f"cat {f} > /dev/null")
print(f"file: {size} bytes; cat: {cat:.3f} s ({size/cat/1e6:.0f} MB/s)")
for mode in ["--salvage", ""]:
    t, code = med(f"./target/release/groupctl wal stats {f} --json {mode}")
    print(f"wal stats {mode or '(broker)'}: {t:.3f} s ({size/t/1e6:.0f} MB/s), exit {code}")
out = subprocess.run(f"./target/release/groupctl wal stats {f} --json --salvage", shell=True, capture_output=True, text=True).stdout
import json
s = json.loads(out)
print(f"records found: {s['records']}, damage: {[(e['kind'], e['skipped_bytes']) for e in s['errors']]}")
PY
