#!/usr/bin/env python3
"""Real Kafka clients (confluent-kafka / librdkafka) for groupctl's integration tests.

Subcommands print JSON on stdout. `group` runs real consumers in a group until
stdin closes, then they leave the group. `pace` runs a steady-rate producer or
a rate-limited consumer until stdin closes; a line `rate N` on stdin changes
its rate.
"""
import json
import os
import sys
import threading
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

FAST_GROUP = {"session.timeout.ms": 2000, "heartbeat.interval.ms": 500}
# Extra client settings for every client (e.g. TLS): JSON in KCLIENT_EXTRA.
EXTRA = json.loads(os.environ.get("KCLIENT_EXTRA", "{}"))


def tp_arg(s):
    topic, _, rest = s.rpartition(":")
    if "=" in rest:
        p, o = rest.split("=")
        return topic, int(p), int(o)
    return topic, int(rest), None


def create_topic(bs, topic, partitions, replication="1"):
    admin = AdminClient({**EXTRA, "bootstrap.servers": bs})
    (f,) = admin.create_topics([NewTopic(topic, int(partitions), int(replication))]).values()
    # Some brokers (Chronik 2.10) create the topic but never answer CreateTopics:
    # the topic showing in metadata with its partitions also counts.
    deadline = time.time() + 15
    while time.time() < deadline:
        if f.done():
            f.result()
            break
        # All topics: asking for this one by name could auto-create it.
        t = admin.list_topics(timeout=5).topics.get(topic)
        if t is not None and t.error is None and len(t.partitions) == int(partitions):
            break
        time.sleep(0.2)
    else:
        sys.exit("topic %s was not created" % topic)
    print(json.dumps({"created": topic}))


def produce(bs, topic, partition, count, value_bytes="0"):
    # One record per batch: the test broker's high watermark counts batches.
    p = Producer({**EXTRA, "bootstrap.servers": bs, "linger.ms": 0, "batch.num.messages": 1})
    errors = []
    pad = b"." * int(value_bytes)
    for i in range(int(count)):
        p.produce(topic, value=b"v%d" % i + pad, partition=int(partition),
                  on_delivery=lambda err, msg: err and errors.append(str(err)))
        p.flush(10)
    if errors:
        sys.exit("produce failed: %s" % errors[0])
    print(json.dumps({"produced": int(count)}))


def commit(bs, group, *specs):
    c = Consumer({**EXTRA, "bootstrap.servers": bs, "group.id": group, "enable.auto.commit": False, **FAST_GROUP})
    offsets = [TopicPartition(t, p, o) for t, p, o in map(tp_arg, specs)]
    # A fresh cluster may still be making __consumer_offsets: librdkafka then
    # fails the commit at once (_WAIT_COORD) instead of waiting; try again.
    deadline = time.time() + 30
    while True:
        try:
            c.commit(offsets=offsets, asynchronous=False)
            break
        except KafkaException as e:
            if time.time() > deadline or e.args[0].code() not in (KafkaError._WAIT_COORD, KafkaError.COORDINATOR_NOT_AVAILABLE, KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS):
                raise
            time.sleep(0.5)
    c.close()
    print(json.dumps({"committed": len(offsets)}))


def committed(bs, group, *specs):
    c = Consumer({**EXTRA, "bootstrap.servers": bs, "group.id": group, "enable.auto.commit": False, **FAST_GROUP})
    tps = [TopicPartition(t, p) for t, p, _ in map(tp_arg, specs)]
    res = c.committed(tps, timeout=10)
    c.close()
    print(json.dumps({"%s:%d" % (tp.topic, tp.partition): (tp.offset if tp.offset >= 0 else None) for tp in res}))


def consume(bs, group_id, topic, count):
    """Consume `count` records in a group (one member), commit its positions, leave."""
    c = Consumer({**EXTRA, "bootstrap.servers": bs, "group.id": group_id, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, **FAST_GROUP})
    c.subscribe([topic])
    got, deadline = 0, time.time() + 30
    while got < int(count) and time.time() < deadline:
        m = c.poll(0.2)
        if m is not None and not m.error():
            got += 1
    if got < int(count):
        sys.exit("consumed %d of %s records" % (got, count))
    c.commit(asynchronous=False)
    c.close()
    print(json.dumps({"consumed": got}))


def group(bs, group_id, strategy, members, *topics):
    members = int(members)
    lock = threading.Lock()
    assigned = {}
    ids = {}
    stop = threading.Event()

    def run(i):
        name = "member-%d" % i
        conf = {**EXTRA, "bootstrap.servers": bs, "group.id": group_id, "client.id": name,
                "auto.offset.reset": "earliest", "enable.auto.commit": True, "auto.commit.interval.ms": 200}
        if os.environ.get("KCLIENT_INSTANCE_PREFIX"):
            conf["group.instance.id"] = "%s%d" % (os.environ["KCLIENT_INSTANCE_PREFIX"], i)
        if strategy.split(":")[0] == "consumer":
            # KIP-848: the coordinator assigns (group.remote.assignor, "consumer:range");
            # session and heartbeat are the broker's settings.
            conf["group.protocol"] = "consumer"
            if ":" in strategy:
                conf["group.remote.assignor"] = strategy.split(":", 1)[1]
        else:
            conf.update({"partition.assignment.strategy": strategy, **FAST_GROUP})
        c = Consumer(conf)

        def on_assign(consumer, parts):
            ids[name] = consumer.memberid()
            with lock:
                if strategy == "cooperative-sticky" or strategy.startswith("consumer"):
                    assigned.setdefault(name, set()).update((p.topic, p.partition) for p in parts)
                else:
                    assigned[name] = {(p.topic, p.partition) for p in parts}

        def on_revoke(consumer, parts):
            with lock:
                cur = assigned.setdefault(name, set())
                for p in parts:
                    cur.discard((p.topic, p.partition))

        c.subscribe(list(topics), on_assign=on_assign, on_revoke=on_revoke)
        while not stop.is_set():
            c.poll(0.1)
        c.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(members)]
    for t in threads:
        t.start()
    # Ready: every member has a callback and the union has been unchanged for a while.
    last, stable_since = None, time.time()
    deadline = time.time() + 60
    while time.time() < deadline:
        with lock:
            snap = {k: sorted(v) for k, v in assigned.items()}
        if snap != last:
            last, stable_since = snap, time.time()
        elif len(snap) == members and time.time() - stable_since > 2.5:
            break
        time.sleep(0.1)
    by_member_id = {ids.get(k, k): v for k, v in (last or {}).items()}
    prefix = os.environ.get("KCLIENT_INSTANCE_PREFIX")
    members = [{"member_id": ids.get(k, k), "client_id": k,
                "group_instance_id": ("%s%s" % (prefix, k.split("-")[1])) if prefix else None,
                "assignment": v} for k, v in sorted((last or {}).items())]
    print(json.dumps({"event": "ready", "assignments": by_member_id, "members": members}), flush=True)
    sys.stdin.read()
    stop.set()
    for t in threads:
        t.join()
    print(json.dumps({"event": "stopped"}), flush=True)


class Pacer:
    """A steady rate, changed by `rate N` lines on stdin; stdin closing stops it."""

    def __init__(self, rate):
        self.rate = float(rate)
        self.stop = threading.Event()
        self.changed = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in sys.stdin:
            parts = line.split()
            if len(parts) == 2 and parts[0] == "rate":
                self.rate = float(parts[1])
                self.changed.set()
        self.stop.set()

    def slots(self):
        """Yield when the next unit of work is due, until stopped."""
        start, n = time.monotonic(), 0
        while not self.stop.is_set():
            if self.changed.is_set():
                self.changed.clear()
                start, n = time.monotonic(), 0
            due = start + n / self.rate
            wait = due - time.monotonic()
            if wait > 0 and self.stop.wait(min(wait, 0.05)):
                return
            if time.monotonic() >= due:
                n += 1
                yield


def pace_produce(bs, topic, partition, rate, shift_ms="0", count="0"):
    """RATE records/s to one partition, one record per batch, CreateTime = now + SHIFT_MS,
    until stdin closes (or COUNT records, when given); prints {"offset", "timestamp"} per record."""
    p = Producer({**EXTRA, "bootstrap.servers": bs, "linger.ms": 0, "batch.num.messages": 1})
    errors = []

    def delivered(err, msg):
        if err:
            errors.append(str(err))
        else:
            print(json.dumps({"offset": msg.offset(), "timestamp": msg.timestamp()[1]}), flush=True)

    pacer, sent = Pacer(rate), 0
    for _ in pacer.slots():
        if int(count) and sent == int(count):
            break
        sent += 1
        ts = int(time.time() * 1000) + int(shift_ms)
        p.produce(topic, value=b"paced", partition=int(partition), timestamp=ts, on_delivery=delivered)
        p.flush(10)
        if errors:
            sys.exit("produce failed: %s" % errors[0])
    print(json.dumps({"event": "stopped"}), flush=True)


def pace_consume(bs, group_id, topic, rate):
    """At most RATE records/s in a group (one member), committing after each record;
    prints {"event": "ready"} once assigned, leaves the group when stdin closes."""
    c = Consumer({**EXTRA, "bootstrap.servers": bs, "group.id": group_id, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, **FAST_GROUP})
    assigned = threading.Event()
    c.subscribe([topic], on_assign=lambda consumer, parts: assigned.set())
    deadline, first = time.time() + 30, None
    while not assigned.is_set() and time.time() < deadline:
        m = c.poll(0.1)
        if m is not None and not m.error():
            first = m
    if not assigned.is_set():
        sys.exit("no assignment within 30 s")
    print(json.dumps({"event": "ready"}), flush=True)
    pacer, consumed = Pacer(rate), 0
    for _ in pacer.slots():
        m, first = first, None
        while m is None and not pacer.stop.is_set():
            m = c.poll(0.05)
            if m is not None and m.error():
                m = None
        if m is not None:
            c.commit(message=m, asynchronous=False)
            consumed += 1
    c.close()
    print(json.dumps({"event": "stopped", "consumed": consumed}), flush=True)


def pace(kind, *args):
    {"produce": pace_produce, "consume": pace_consume}[kind](*args)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"create-topic": create_topic, "produce": produce, "commit": commit,
     "committed": committed, "group": group, "consume": consume, "pace": pace}[cmd](*args)
