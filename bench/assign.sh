#!/usr/bin/env bash
# Assignment benchmark on Kafka's stress shapes (AbstractStickyAssignorTest:
# 500 topics x 2,000 partitions = 1M partitions, 2,000 consumers):
#  1. the whole command, `groupctl assign --strategy S --input big.json --json`
#     (read and parse the scenario, assign, report, write the JSON), median of 5
#     runs with peak RSS;
#  2. the assignors alone (benches/assign.rs);
#  3. the peer in the same run: kafka-python's assignors on the same files
#     (bench/assign_peer.py; its sticky takes too long at 1M, so sticky is also
#     compared on 10,000 partitions x 100 consumers).
# Python peers run in the test venv (scripts/python-env installs kafka-python there).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/python-env
python3() { "$PWD/.ci/venv/bin/python" "$@"; }
cargo build --release -q
bin=$(cargo bench --bench assign --no-run 2>&1 | grep -o 'target/release/deps/assign-[a-f0-9]*' | head -1)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" scenario "$tmp/uniform.json" uniform
"$bin" scenario "$tmp/nonuniform.json" nonuniform
# The rebalance after it: every consumer but the first owns what sticky gave it (Kafka's test does this).
./target/release/groupctl assign --strategy sticky --input "$tmp/uniform.json" --json > "$tmp/fresh.out"
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
s = json.load(open(d + "/uniform.json")); a = json.load(open(d + "/fresh.out"))["assignment"]
for m in s["members"][1:]:
    m["owned"], m["generation"] = a[m["id"]], 1
json.dump(s, open(d + "/owned.json", "w"))
PY
echo "== whole command, 1M partitions x 2,000 consumers, --json (median of 5)"
python3 bench/assign_whole.py ./target/release/groupctl 5 \
  "range, uniform=range:$tmp/uniform.json" \
  "roundrobin, uniform=roundrobin:$tmp/uniform.json" \
  "sticky, uniform=sticky:$tmp/uniform.json" \
  "sticky, uniform, with owned=sticky:$tmp/owned.json" \
  "sticky, non-uniform=sticky:$tmp/nonuniform.json" \
  "cooperative-sticky, uniform=cooperative-sticky:$tmp/uniform.json" \
  "cooperative-sticky, uniform, with owned=cooperative-sticky:$tmp/owned.json"
echo "== assignors alone (benches/assign.rs)"
"$bin" | grep -v '^500 topics'
echo "== peer: kafka-python $(python3 -c 'import kafka; print(kafka.__version__)'), assignor call only, same files"
for a in range roundrobin; do
  echo "kafka-python $a, 1M partitions x 2,000 consumers: $(python3 bench/assign_peer.py "$tmp/uniform.json" $a) s"
done
python3 - "$tmp/small.json" <<'PY'
import json, sys
topics = {"t%02d" % i: 200 for i in range(50)}
members = [{"id": "c%03d" % i, "subscription": list(topics)} for i in range(100)]
json.dump({"topics": topics, "members": members}, open(sys.argv[1], "w"))
PY
python3 bench/assign_whole.py ./target/release/groupctl 5 "sticky, 10,000 x 100 (whole command)=sticky:$tmp/small.json"
echo "kafka-python sticky, 10,000 partitions x 100 consumers: $(python3 bench/assign_peer.py "$tmp/small.json" sticky) s"
