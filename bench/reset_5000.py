#!/usr/bin/env python3
"""Plan and execute a reset of one group over 5,000 partitions: groupctl vs
confluent-kafka (list_offsets + alter_consumer_group_offsets), same broker, same run.

Usage: python3 bench/reset_5000.py [PARTITIONS] [RUNS]   (needs cargo build --release)
"""
import os
import subprocess
import sys
import tempfile

from confluent_kafka import Consumer, ConsumerGroupTopicPartitions, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, OffsetSpec

from common import ROOT, machine, median_time, start_broker

PARTITIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
TOPICS = 10
PER_TOPIC = PARTITIONS // TOPICS
GROUPCTL = os.path.join(ROOT, "target/release/groupctl")


def setup(bs):
    admin = AdminClient({"bootstrap.servers": bs})
    for f in admin.create_topics([NewTopic("r%d" % i, PER_TOPIC, 1) for i in range(TOPICS)]).values():
        f.result()
    c = Consumer({"bootstrap.servers": bs, "group.id": "big", "enable.auto.commit": False})
    c.commit(offsets=[TopicPartition("r%d" % t, p, 0) for t in range(TOPICS) for p in range(PER_TOPIC)], asynchronous=False)
    c.close()


def run(args):
    out = subprocess.run([GROUPCTL, "-b", BS, "-v", "reset-offsets", "big", "--all-topics", "--to-latest", *args],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return [l for l in out.stderr.splitlines() if " requests (" in l][0]


def peer():
    admin = AdminClient({"bootstrap.servers": BS})
    fs = admin.list_consumer_group_offsets([ConsumerGroupTopicPartitions("big")])
    tps = list(fs.values())[0].result().topic_partitions
    ends = admin.list_offsets({TopicPartition(tp.topic, tp.partition): OffsetSpec.latest() for tp in tps})
    new = [TopicPartition(k.topic, k.partition, f.result().offset) for k, f in ends.items()]
    res = admin.alter_consumer_group_offsets([ConsumerGroupTopicPartitions("big", new)])
    for f in res.values():
        f.result()
    assert len(new) == PARTITIONS


def main():
    global BS
    proc, BS = start_broker()
    backups = tempfile.mkdtemp()
    try:
        setup(BS)
        plan_requests = run([])
        exec_requests = run(["--execute", "--backup-dir", backups])
        plan_t, _ = median_time(lambda: run([]), RUNS)
        exec_t, _ = median_time(lambda: run(["--execute", "--backup-dir", backups]), RUNS)
        peer_t, _ = median_time(peer, RUNS)
        print("machine: %s" % machine())
        print("partitions: %d (%d topics), runs: %d (median)" % (PARTITIONS, TOPICS, RUNS))
        print("groupctl plan (dry run):  %.3f s; %s" % (plan_t, plan_requests))
        print("groupctl --execute:       %.3f s; %s" % (exec_t, exec_requests))
        print("confluent-kafka %s (fetch + list_offsets + alter): %.3f s" % (__import__("confluent_kafka").__version__, peer_t))
        print("ratio (peer / groupctl execute): %.1fx" % (peer_t / exec_t))
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
