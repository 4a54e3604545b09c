#!/usr/bin/env python3
"""How long `list` and `describe --all-groups` take when one of 3 brokers is
black-holed (accepts TCP, never answers), listed first in --bootstrap-server,
with --timeout 30s: the fault cluster with `--black-hole 3`, 5 ms each way;
groupctl with its default per-broker timeouts (connect 3 s, request 5 s) and
with --request-timeout 1s, and confluent-kafka's list_consumer_groups for context.

Usage: python3 bench/dead_broker.py [GROUPS]
       (needs: cargo build --release --bin groupctl --example fault_cluster)
"""
import subprocess
import sys

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from common import GROUPCTL, Cluster, machine, timed

GROUPS = int(sys.argv[1]) if len(sys.argv) > 1 else 30


def setup(upstream):
    admin = AdminClient({"bootstrap.servers": upstream})
    for f in admin.create_topics([NewTopic("t", 6, 1)]).values():
        f.result()
    for g in range(GROUPS):
        c = Consumer({"bootstrap.servers": upstream, "group.id": "dead-%03d" % g, "enable.auto.commit": False})
        c.commit(offsets=[TopicPartition("t", p, 0) for p in range(6)], asynchronous=False)
        c.close()


def main():
    cluster = Cluster(brokers=3, latency_ms=5, black_hole=[3])
    try:
        setup(cluster.upstream)
        a = cluster.addrs()
        bs = ",".join([a[2], a[0], a[1]])
        print("machine: %s" % machine())
        print("fault cluster: 3 brokers, 5 ms each way, broker 3 black-holed and first in --bootstrap-server; %d groups"
              % GROUPS)
        for flags in ([], ["--request-timeout", "1s"]):
            for cmd in (["list"], ["describe", "--all-groups"]):
                args = [GROUPCTL, "-b", bs, "--timeout", "30s", *flags, *cmd]
                took, out = timed(lambda: subprocess.run(args, capture_output=True, text=True))
                prefix = "Group dead-" if cmd[0] == "describe" else "dead-"
                shown = sum(1 for l in out.stdout.splitlines() if l.startswith(prefix))
                warning = next((l for l in out.stderr.splitlines() if l.startswith("warning")), "")
                print("groupctl --timeout 30s %s%s: %.2f s, exit %d, %d groups shown; %s"
                      % (" ".join(flags) + " " if flags else "", " ".join(cmd), took, out.returncode, shown, warning[:140]))
        # The peer, for context: librdkafka's AdminClient with a 30 s request timeout.
        admin = AdminClient({"bootstrap.servers": bs})
        took, res = timed(lambda: admin.list_consumer_groups(request_timeout=30).result())
        print("confluent-kafka %s list_consumer_groups(request_timeout=30): %.2f s, %d groups, %d errors"
              % (__import__("confluent_kafka").__version__, took, len(res.valid), len(res.errors)))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
