#!/usr/bin/env bash
# Assignor benchmark: groupctl's assignors on Kafka's stress shapes (1M partitions x
# 2,000 consumers), peak memory per case, and kafka-python's assignors on the same
# scenarios in the same run. Needs /usr/bin/time; installs kafka-python if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import kafka' 2>/dev/null || python3 -m pip install -q 'kafka-python==2.*' || python3 -m pip install -q kafka-python
bin=$(cargo bench --bench assign --no-run 2>&1 | grep -o 'target/release/deps/assign-[a-f0-9]*' | head -1)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
for case in range roundrobin sticky-uniform sticky-nonuniform coop-uniform; do
  /usr/bin/time -f "  peak RSS %M KiB" "$bin" "$case" 2>&1 | grep -v "^500 topics"
done
"$bin" scenario "$tmp/uniform.json" uniform
for a in range roundrobin; do
  echo "kafka-python $a, 1M partitions x 2,000 consumers: $(python3 bench/assign_peer.py "$tmp/uniform.json" $a) s"
done
# kafka-python's sticky assignor takes far too long at 1M partitions: compare on 10,000 x 100.
python3 - "$tmp/small.json" <<'PY'
import json, sys
topics = {"t%02d" % i: 200 for i in range(50)}
members = [{"id": "c%03d" % i, "subscription": list(topics)} for i in range(100)]
json.dump({"topics": topics, "members": members}, open(sys.argv[1], "w"))
PY
start=$(date +%s.%N); ./target/release/groupctl assign --strategy sticky --input "$tmp/small.json" --json > /dev/null; end=$(date +%s.%N)
echo "groupctl assign --strategy sticky (CLI, 10,000 partitions x 100 consumers, incl. JSON I/O): $(echo "$end - $start" | bc) s"
echo "kafka-python sticky, 10,000 partitions x 100 consumers: $(python3 bench/assign_peer.py "$tmp/small.json" sticky) s"
