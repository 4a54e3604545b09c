#!/usr/bin/env bash
# `wal replay --json > /dev/null` on 1 GiB __consumer_offsets segments against
# the raw read speed of the same file (`cat file > /dev/null`), in the same run:
#   plain: 10,000 groups committing 10 partitions per batch (100,000 live offsets)
#   real:  the same commits one per batch (~140 bytes a batch, as real
#          __consumer_offsets partitions look: one OffsetCommit request per batch)
#   zstd:  as plain, each batch zstd-compressed
# Peak memory: VmHWM and the peak of RssAnon (heap: what replay itself holds),
# sampled every 20 ms. With --cold, also a cold-cache run of each (drops the
# page cache: needs root). Needs hyperfine. Files go to ${WAL_BENCH_DIR:-/tmp}.
# WAL_BEFORE="BIN ..." adds earlier builds of groupctl to the same hyperfine
# run (e.g. one built from `git archive <commit>`), each with its ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
dir=${WAL_BENCH_DIR:-/tmp}
cold=false; [ "${1:-}" = "--cold" ] && cold=true
cargo build --release -q
cargo build --release -q --example gen_wal
for variant in real plain zstd; do
  f="$dir/groupctl-bench-$variant.log"
  if [ ! -f "$f" ]; then
    flag=""; [ "$variant" = zstd ] && flag="--zstd"; [ "$variant" = real ] && flag="--real"
    ./target/release/examples/gen_wal bench "$f" --gib 1 $flag
  fi
  size=$(stat -c %s "$f")
  echo "== $variant: $f ($size bytes)"
  before=()
  for b in ${WAL_BEFORE:-}; do before+=("$b wal replay $f --json"); done
  hyperfine -N --warmup 1 --runs 5 --export-json "$dir/wal-$variant.json" \
    "cat $f" "./target/release/groupctl wal replay $f --json" "${before[@]}" > /dev/null
  python3 - "$dir/wal-$variant.json" "$size" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2])
cat, gc = r[0]["median"], r[1]["median"]
print(f"cat: {cat:.3f} s ({size/cat/1e6:.0f} MB/s)   groupctl: {gc:.3f} s ({size/gc/1e6:.0f} MB/s, "
      f"min {r[1]['min']:.3f} s)   groupctl/cat throughput: {cat/gc*100:.1f}%")
for b in r[2:]:
    m = b["median"]
    print(f"  before {b['command'].split()[0]}: {m:.3f} s ({size/m/1e6:.0f} MB/s); now {m/gc:.2f}x as fast")
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
  echo "peak RssAnon: $((anon / 1024)) MiB   VmHWM: $((hwm / 1024)) MiB"
  if $cold; then
    sync; echo 3 > /proc/sys/vm/drop_caches
    t=$( { /usr/bin/time -f %e cat "$f" > /dev/null; } 2>&1 )
    sync; echo 3 > /proc/sys/vm/drop_caches
    g=$( { /usr/bin/time -f %e ./target/release/groupctl wal replay "$f" --json > /dev/null; } 2>&1 )
    python3 -c "s=$size; c=$t; g=$g; print(f'cold: cat {c:.2f} s ({s/c/1e6:.0f} MB/s)   groupctl {g:.2f} s ({s/g/1e6:.0f} MB/s)   {c/g*100:.0f}% of cold cat')"
  fi
done
