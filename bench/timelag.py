#!/usr/bin/env python3
"""describe --all-groups with time lag: what reading the next record's timestamp costs,
and the same job done with confluent-kafka, on three brokers with network latency.

Usage: python3 bench/timelag.py [GROUPS] [RUNS] [LATENCY_MS]
Needs release builds: cargo build --release && cargo build --release --example fault_cluster

Starts the fault cluster (Tansu behind three pretend brokers, LATENCY_MS each way),
creates 5 topics x 4 partitions with 3 records each (CreateTime 10 minutes old),
then times `groupctl describe --all-groups --json` (median of RUNS) with every group
caught up (no time lag to read) and with every group 2 records behind (one Fetch per
leader), a confluent-kafka script that computes lag and time lag for the same groups, and
the requests of `top` for one and for four refreshes.
"""
import json
import os
import subprocess
import sys
import time

from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec

from common import ROOT, machine, median_time

GROUPS = int(sys.argv[1]) if len(sys.argv) > 1 else 500
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
LATENCY = int(sys.argv[3]) if len(sys.argv) > 3 else 5
TOPICS, PARTITIONS = 5, 4
GROUPCTL = os.path.join(ROOT, "target/release/groupctl")
CLUSTER = os.path.join(ROOT, "target/release/examples/fault_cluster")


def setup(up):
    admin = AdminClient({"bootstrap.servers": up})
    for f in admin.create_topics([NewTopic("t%d" % i, PARTITIONS, 1) for i in range(TOPICS)]).values():
        f.result()
    p = Producer({"bootstrap.servers": up, "batch.num.messages": 1})
    old = int(time.time() * 1000) - 600_000
    for t in range(TOPICS):
        for part in range(PARTITIONS):
            for i in range(3):
                p.produce("t%d" % t, b"x", partition=part, timestamp=old + i)
                p.flush()


def commit_all(up, offset):
    for g in range(GROUPS):
        c = Consumer({"bootstrap.servers": up, "group.id": "bench-%04d" % g, "enable.auto.commit": False})
        t = "t%d" % (g % TOPICS)
        c.commit(offsets=[TopicPartition(t, part, offset) for part in range(PARTITIONS)], asynchronous=False)
        c.close()


def groupctl(bs, behind):
    out = subprocess.run([GROUPCTL, "-b", bs, "-v", "describe", "--all-groups", "--json"],
                         capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert len(doc["groups"]) == GROUPS, len(doc["groups"])
    lags = [p["time_lag_ms"] for g in doc["groups"] for p in g["partitions"]]
    assert all((t >= 600_000) if behind else (t == 0) for t in lags), lags[:5]
    return [l for l in out.stderr.splitlines() if " requests (" in l][0].replace("groupctl: ", "")


def top(bs, refreshes):
    """`top --count N`: the request counter for N refreshes of every group."""
    out = subprocess.run([GROUPCTL, "-b", bs, "-v", "top", "--json", "--interval", "200ms",
                          "--count", str(refreshes)], capture_output=True, text=True, check=True)
    samples = [json.loads(l) for l in out.stdout.splitlines()]
    assert len(samples) == refreshes and len(samples[-1]["groups"]) == GROUPS
    return [l for l in out.stderr.splitlines() if " requests (" in l][0].replace("groupctl: ", "")


def peer(bs):
    """Lag and time lag with confluent-kafka: list, describe, offsets per group, log ends,
    then one consumer assigned to every committed offset to read the next record's timestamp."""
    admin = AdminClient({"bootstrap.servers": bs})
    groups = [g.group_id for g in admin.list_consumer_groups().result().valid]
    for f in admin.describe_consumer_groups(groups).values():
        f.result()
    futures = [admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(g)]) for g in groups]
    committed = {}
    for fs in futures:
        for g, f in fs.items():
            committed[g] = f.result().topic_partitions
    tps = {(tp.topic, tp.partition) for tpl in committed.values() for tp in tpl}
    ends = admin.list_offsets({TopicPartition(t, p): OffsetSpec.latest() for t, p in tps})
    end = {(k.topic, k.partition): f.result().offset for k, f in ends.items()}
    # Every group here sits at the same offset of its partitions: one position each.
    positions = {(tp.topic, tp.partition): tp.offset for tpl in committed.values() for tp in tpl
                 if end[(tp.topic, tp.partition)] > tp.offset}
    c = Consumer({"bootstrap.servers": bs, "group.id": "bench-peer-reader", "enable.auto.commit": False})
    c.assign([TopicPartition(t, p, o) for (t, p), o in positions.items()])
    stamps, deadline = {}, time.time() + 30
    while len(stamps) < len(positions) and time.time() < deadline:
        m = c.poll(0.5)
        if m is not None and not m.error() and (m.topic(), m.partition()) not in stamps:
            stamps[(m.topic(), m.partition())] = m.timestamp()[1]
    c.close()
    assert len(stamps) == len(positions) == TOPICS * PARTITIONS, (len(stamps), len(positions))
    now = int(time.time() * 1000)
    return max(now - ts for ts in stamps.values())


def main():
    cluster = subprocess.Popen([CLUSTER, "--brokers", "3", "--latency-ms", str(LATENCY), "--stdin"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(cluster.stdout.readline())
        bs, up = info["bootstrap"], info["upstream"]
        setup(up)
        commit_all(up, 3)
        caught_up = groupctl(bs, False)
        c_med, _ = median_time(lambda: groupctl(bs, False), RUNS)
        commit_all(up, 1)
        behind = groupctl(bs, True)
        b_med, _ = median_time(lambda: groupctl(bs, True), RUNS)
        p_med, _ = median_time(lambda: peer(bs), RUNS)
        tops = {n: top(bs, n) for n in (1, 4)}
        print("machine: %s" % machine())
        print("fault cluster: 3 brokers, %d ms latency each way; %d groups on %d topics x %d partitions; "
              "median of %d" % (LATENCY, GROUPS, TOPICS, PARTITIONS, RUNS))
        print("groupctl, all caught up (no time lag to read): %.3f s; %s" % (c_med, caught_up))
        print("groupctl, all 2 behind (time lag read):        %.3f s; %s" % (b_med, behind))
        print("confluent-kafka %s (lag + time lag):       %.3f s" % (__import__("confluent_kafka").__version__, p_med))
        print("time lag costs: %+.3f s; ratio (peer / groupctl with time lag): %.1fx" % (b_med - c_med, p_med / b_med))
        for n, requests in tops.items():
            print("groupctl top --count %d (%d groups): %s" % (n, GROUPS, requests))
    finally:
        cluster.stdin.close()
        cluster.wait(10)


if __name__ == "__main__":
    main()
