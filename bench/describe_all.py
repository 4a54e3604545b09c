#!/usr/bin/env python3
"""describe --all-groups with lag: groupctl vs confluent-kafka's AdminClient (which
pipelines its requests), side by side in one run, on the fault cluster: Tansu behind
a proxy presenting 3 brokers, 5 ms each way (`cargo run --release --example
fault_cluster -- --brokers 3 --latency-ms 5`). Runs alternate between the tools.

Usage: python3 bench/describe_all.py [GROUPS] [RUNS] [LATENCY_MS]
       (needs: cargo build --release --bin groupctl --example fault_cluster)
"""
import json
import subprocess
import sys

from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec

from common import GROUPCTL, Cluster, machine, summary, timed

GROUPS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
LATENCY_MS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
TOPICS, PARTITIONS = 5, 4


def setup(upstream):
    """Topics, records and commits straight on the real broker (no latency)."""
    admin = AdminClient({"bootstrap.servers": upstream})
    for f in admin.create_topics([NewTopic("t%d" % i, PARTITIONS, 1) for i in range(TOPICS)]).values():
        f.result()
    p = Producer({"bootstrap.servers": upstream, "batch.num.messages": 1})
    for t in range(TOPICS):
        for part in range(PARTITIONS):
            for _ in range(3):
                p.produce("t%d" % t, b"x", partition=part)
                p.flush()
    for g in range(GROUPS):
        c = Consumer({"bootstrap.servers": upstream, "group.id": "bench-%04d" % g, "enable.auto.commit": False})
        t = "t%d" % (g % TOPICS)
        c.commit(offsets=[TopicPartition(t, part, 1) for part in range(PARTITIONS)], asynchronous=False)
        c.close()


def groupctl(bs):
    out = subprocess.run([GROUPCTL, "-b", bs, "-v", "describe", "--all-groups", "--json"],
                         capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert len(doc["groups"]) == GROUPS, len(doc["groups"])
    lag = sum(g["total_lag"] for g in doc["groups"])
    return lag, [l for l in out.stderr.splitlines() if " requests (" in l][0]


def peer(bs):
    """The same job with confluent-kafka: list groups, describe them, their offsets, and log ends for lag.
    Every call returns futures at once, so requests to different brokers overlap."""
    admin = AdminClient({"bootstrap.servers": bs})
    groups = [g.group_id for g in admin.list_consumer_groups().result().valid]
    described = admin.describe_consumer_groups(groups)
    # list_consumer_group_offsets takes one group per request; all are in flight together.
    futures = [admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(g)]) for g in groups]
    for f in described.values():
        f.result()
    committed = {}
    for fs in futures:
        for g, f in fs.items():
            committed[g] = f.result().topic_partitions
    tps = {(tp.topic, tp.partition) for tpl in committed.values() for tp in tpl}
    ends = admin.list_offsets({TopicPartition(t, p): OffsetSpec.latest() for t, p in tps})
    end = {(k.topic, k.partition): f.result().offset for k, f in ends.items()}
    lag = sum(end[(tp.topic, tp.partition)] - tp.offset for tpl in committed.values() for tp in tpl)
    assert len(committed) == GROUPS
    return lag


def main():
    cluster = Cluster(brokers=3, latency_ms=LATENCY_MS)
    try:
        setup(cluster.upstream)
        bs = cluster.bootstrap
        (lag, requests) = groupctl(bs)  # warm-up (page cache), and the request count
        assert peer(bs) == lag, "both tools see the same lag"
        g_times, p_times = [], []
        for _ in range(RUNS):
            g_times.append(timed(lambda: groupctl(bs))[0])
            p_times.append(timed(lambda: peer(bs))[0])
        print("machine: %s" % machine())
        print("fault cluster: 3 brokers, %d ms each way; %d groups, %d topics x %d partitions; %d runs each, alternating"
              % (LATENCY_MS, GROUPS, TOPICS, PARTITIONS, RUNS))
        print("groupctl describe --all-groups --json: %s; %s" % (summary(g_times), requests))
        print("confluent-kafka %s AdminClient:      %s" % (__import__("confluent_kafka").__version__, summary(p_times)))
        print("ratio (peer / groupctl): best %.1fx, median %.1fx"
              % (min(p_times) / min(g_times), sorted(p_times)[RUNS // 2] / sorted(g_times)[RUNS // 2]))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
