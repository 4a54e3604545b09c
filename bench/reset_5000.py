#!/usr/bin/env python3
"""Plan and execute a reset of one group over 5,000 partitions that hold records, so
every run moves the offsets: groupctl vs confluent-kafka (list_consumer_group_offsets
+ list_offsets + alter_consumer_group_offsets), side by side in one run, on the fault
cluster (3 brokers, 5 ms each way). Runs alternate: groupctl resets to the log end,
the peer back to the log start, and so on.

Usage: python3 bench/reset_5000.py [PARTITIONS] [RUNS] [LATENCY_MS]
       (needs: cargo build --release --bin groupctl --example fault_cluster)
"""
import subprocess
import sys
import tempfile

from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec

from common import GROUPCTL, Cluster, machine, summary, timed

PARTITIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
LATENCY_MS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
TOPICS = 10
PER_TOPIC = PARTITIONS // TOPICS


def setup(upstream):
    admin = AdminClient({"bootstrap.servers": upstream})
    for f in admin.create_topics([NewTopic("r%d" % i, PER_TOPIC, 1) for i in range(TOPICS)]).values():
        f.result()
    p = Producer({"bootstrap.servers": upstream, "linger.ms": 20})
    for t in range(TOPICS):
        for part in range(PER_TOPIC):
            p.produce("r%d" % t, b"x", partition=part)
            p.produce("r%d" % t, b"y", partition=part)
    p.flush()
    c = Consumer({"bootstrap.servers": upstream, "group.id": "big", "enable.auto.commit": False})
    c.commit(offsets=[TopicPartition("r%d" % t, p, 0) for t in range(TOPICS) for p in range(PER_TOPIC)],
             asynchronous=False)
    c.close()


def committed(bs):
    admin = AdminClient({"bootstrap.servers": bs})
    fs = admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions("big")])
    return {(tp.topic, tp.partition): tp.offset for tp in list(fs.values())[0].result().topic_partitions}


def groupctl(bs, args):
    out = subprocess.run([GROUPCTL, "-b", bs, "-v", "reset-offsets", "big", "--all-topics", *args],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return [l for l in out.stderr.splitlines() if " requests (" in l][0]


def peer(bs, spec):
    admin = AdminClient({"bootstrap.servers": bs})
    fs = admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions("big")])
    tps = list(fs.values())[0].result().topic_partitions
    ends = admin.list_offsets({TopicPartition(tp.topic, tp.partition): spec for tp in tps})
    new = [TopicPartition(k.topic, k.partition, f.result().offset) for k, f in ends.items()]
    res = admin.alter_consumer_group_offsets([ConsumerGroupTopicPartitions("big", new)])
    for f in res.values():
        f.result()
    assert len(new) == PARTITIONS


def main():
    cluster = Cluster(brokers=3, latency_ms=LATENCY_MS)
    backups = tempfile.mkdtemp()
    execute = ["--to-latest", "--execute", "--backup-dir", backups]
    try:
        setup(cluster.upstream)
        bs = cluster.bootstrap
        plan_requests = groupctl(bs, ["--to-latest"])
        exec_requests = groupctl(bs, execute)
        peer(bs, OffsetSpec.earliest())
        ends = set(committed(cluster.upstream).values())
        assert ends == {0}, "the peer moved every offset back to the start: %s" % ends
        plan_times, exec_times, peer_times = [], [], []
        for _ in range(RUNS):
            plan_times.append(timed(lambda: groupctl(bs, ["--to-latest"]))[0])
            exec_times.append(timed(lambda: groupctl(bs, execute))[0])
            assert 0 not in set(committed(cluster.upstream).values()), "groupctl moved every offset to the end"
            peer_times.append(timed(lambda: peer(bs, OffsetSpec.earliest()))[0])
        print("machine: %s" % machine())
        print("fault cluster: 3 brokers, %d ms each way; %d partitions (%d topics) with records; %d runs each, alternating"
              % (LATENCY_MS, PARTITIONS, TOPICS, RUNS))
        print("groupctl plan (dry run):  %s; %s" % (summary(plan_times), plan_requests))
        print("groupctl plan + --execute: %s; %s" % (summary(exec_times), exec_requests))
        print("confluent-kafka %s (fetch + list_offsets + alter): %s"
              % (__import__("confluent_kafka").__version__, summary(peer_times)))
        print("ratio (peer / groupctl plan + execute): best %.1fx, median %.1fx"
              % (min(peer_times) / min(exec_times), sorted(peer_times)[RUNS // 2] / sorted(exec_times)[RUNS // 2]))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
