#!/usr/bin/env bash
# `wal replay --json > /dev/null` on a 1 GiB __consumer_offsets segment
# (10,000 groups, 100,000 partitions; uncompressed and zstd) against the raw
# read speed of the same file (`cat file > /dev/null`), in the same run.
# Peak memory: VmHWM (includes the mapped file's page-cache pages) and the
# peak of RssAnon (heap: what replay itself holds), sampled every 20 ms.
# Needs hyperfine. Files go to ${WAL_BENCH_DIR:-/tmp}.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
dir=${WAL_BENCH_DIR:-/tmp}
cargo build --release -q
cargo build --release -q --example gen_wal
for variant in plain zstd; do
  f="$dir/groupctl-bench-$variant.log"
  if [ ! -f "$f" ]; then
    flag=""; [ "$variant" = zstd ] && flag="--zstd"
    ./target/release/examples/gen_wal bench "$f" --gib 1 $flag
  fi
  size=$(stat -c %s "$f")
  echo "== $variant: $f ($size bytes)"
  hyperfine --warmup 1 --runs 5 --export-json "$dir/wal-$variant.json" \
    "cat $f > /dev/null" "./target/release/groupctl wal replay $f --json > /dev/null"
  python3 - "$dir/wal-$variant.json" "$size" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2])
cat, gc = r[0]["mean"], r[1]["mean"]
print(f"cat: {cat:.3f} s ({size/cat/1e6:.0f} MB/s)   groupctl: {gc:.3f} s ({size/gc/1e6:.0f} MB/s)   groupctl/cat throughput: {cat/gc*100:.1f}%")
PY
  ./target/release/groupctl wal replay "$f" --json > /dev/null &
  pid=$!; anon=0; hwm=0
  while kill -0 $pid 2>/dev/null; do
    a=$(awk '/RssAnon/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    h=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
    [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
    [ -n "$h" ] && [ "$h" -gt "$hwm" ] && hwm=$h
    sleep 0.02
  done
  wait $pid || true
  echo "peak RssAnon: $((anon / 1024)) MiB   VmHWM (incl. mapped file pages): $((hwm / 1024)) MiB"
done
