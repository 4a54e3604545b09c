#!/usr/bin/env bash
# Start-up time of `groupctl --help` vs importing the Python peer client, same run (needs hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release -q
hyperfine -N --warmup 20 --runs 200 './target/release/groupctl --help' "python3 -c 'import confluent_kafka.admin'"
