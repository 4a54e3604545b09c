#!/usr/bin/env python3
"""describe --all-groups with lag: groupctl vs confluent-kafka's AdminClient, same broker, same run.

Usage: python3 bench/describe_all.py [GROUPS] [RUNS]   (needs a release build: cargo build --release)
"""
import json
import os
import subprocess
import sys

from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec

from common import ROOT, machine, median_time, start_broker

GROUPS = int(sys.argv[1]) if len(sys.argv) > 1 else 500
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
TOPICS, PARTITIONS = 5, 4
GROUPCTL = os.path.join(ROOT, "target/release/groupctl")


def setup(bs):
    admin = AdminClient({"bootstrap.servers": bs})
    for f in admin.create_topics([NewTopic("t%d" % i, PARTITIONS, 1) for i in range(TOPICS)]).values():
        f.result()
    p = Producer({"bootstrap.servers": bs, "batch.num.messages": 1})
    for t in range(TOPICS):
        for part in range(PARTITIONS):
            for _ in range(3):
                p.produce("t%d" % t, b"x", partition=part)
                p.flush()
    for g in range(GROUPS):
        c = Consumer({"bootstrap.servers": bs, "group.id": "bench-%04d" % g, "enable.auto.commit": False})
        t = "t%d" % (g % TOPICS)
        c.commit(offsets=[TopicPartition(t, part, 1) for part in range(PARTITIONS)], asynchronous=False)
        c.close()


def groupctl(bs):
    out = subprocess.run([GROUPCTL, "-b", bs, "-v", "describe", "--all-groups", "--json"], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert len(doc["groups"]) == GROUPS, len(doc["groups"])
    return [l for l in out.stderr.splitlines() if " requests (" in l][0]


def peer(bs):
    """The same job with confluent-kafka: list groups, describe them, their offsets, and log ends for lag."""
    admin = AdminClient({"bootstrap.servers": bs})
    groups = [g.group_id for g in admin.list_consumer_groups().result().valid]
    described = admin.describe_consumer_groups(groups)
    for f in described.values():
        f.result()
    # list_consumer_group_offsets takes one group per request.
    futures = [admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions(g)]) for g in groups]
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
    proc, bs = start_broker()
    try:
        setup(bs)
        requests = groupctl(bs)
        g_med, _ = median_time(lambda: groupctl(bs), RUNS)
        p_med, _ = median_time(lambda: peer(bs), RUNS)
        print("machine: %s" % machine())
        print("groups: %d, topics: %d x %d partitions, runs: %d (median)" % (GROUPS, TOPICS, PARTITIONS, RUNS))
        print("groupctl describe --all-groups --json: %.3f s; %s" % (g_med, requests))
        print("confluent-kafka %s AdminClient:      %.3f s" % (__import__("confluent_kafka").__version__, p_med))
        print("ratio (peer / groupctl): %.1fx" % (p_med / g_med))
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
