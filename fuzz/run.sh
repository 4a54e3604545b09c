#!/usr/bin/env bash
# Coverage-guided fuzzing on the stable toolchain: the cargo-fuzz targets are
# libFuzzer binaries (libfuzzer-sys); the coverage instrumentation cargo-fuzz
# would add comes from LLVM's SanitizerCoverage pass, enabled with stable -C
# flags. No sanitizer (that part needs nightly); Rust's own checks (bounds,
# debug assertions, overflow) and libFuzzer's RSS/time limits catch the bugs.
#
#   fuzz/run.sh [-t SECONDS | -n RUNS] [TARGET...]
#
# Each target runs for SECONDS (default 25) or RUNS executions, over
# fuzz/seeds/TARGET plus what earlier runs kept in fuzz/corpus/TARGET. A crash
# is saved in fuzz/artifacts/TARGET/ and fails the run: copy it to
# fuzz/regressions/TARGET/ (tests/it/wal_fuzz_regressions.rs replays those).
# Prints executions and peak RSS per target.
set -euo pipefail
cd "$(dirname "$0")"
limit="-max_total_time=25"
while getopts "t:n:" o; do
  case $o in
    t) limit="-max_total_time=$OPTARG" ;;
    n) limit="-runs=$OPTARG" ;;
    *) sed -n 2,16p "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(segment chronik coordinator_record consumer_protocol)
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps the instrumentation out of build scripts and proc macros.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --bins -q --target "$host"
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log=$(mktemp)
  if ./target/"$host"/release/"$t" "corpus/$t" "seeds/$t" $limit -timeout=10 -rss_limit_mb=2048 \
      -max_len=8192 -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see fuzz/artifacts/$t/)"; status=1
    grep -E "panicked|ERROR|SUMMARY" "$log" | head -5 || true
  fi
  runs=$(grep -oP 'stat::number_of_executed_units:\s+\K[0-9]+' "$log" || echo "?")
  rss=$(grep -oP 'stat::peak_rss_mb:\s+\K[0-9]+' "$log" || echo "?")
  secs=$(grep -oP 'Done [0-9]+ runs in \K[0-9]+' "$log" || echo "?")
  cov=$(grep -oP '#[0-9]+\s+DONE\s+cov: \K[0-9]+' "$log" || echo "?")
  echo "$t: $result, $runs executions in ${secs} s, coverage $cov, peak RSS ${rss} MB"
  rm -f "$log"
done
exit $status
