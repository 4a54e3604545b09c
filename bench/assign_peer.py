#!/usr/bin/env python3
"""The Python peer for the assignor benchmark: kafka-python's assignors on a
groupctl scenario file (fresh assignment: no owned partitions).

Usage: python3 bench/assign_peer.py SCENARIO.json range|roundrobin|sticky
Prints the seconds the assignor call took.
"""
import json
import sys
import time
from types import SimpleNamespace

from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
from kafka.coordinator.assignors.sticky.sticky_assignor import StickyPartitionAssignor


class Cluster:
    def __init__(self, topics):
        self._topics = {t: set(range(n)) for t, n in topics.items()}

    def topics(self):
        return set(self._topics)

    def partitions_for_topic(self, topic):
        return self._topics.get(topic)


def main():
    scenario = json.load(open(sys.argv[1]))
    assignor = {"range": RangePartitionAssignor, "roundrobin": RoundRobinPartitionAssignor,
                "sticky": StickyPartitionAssignor}[sys.argv[2]]
    if assignor is StickyPartitionAssignor:
        assignor = StickyPartitionAssignor()
    cluster = Cluster(scenario["topics"])
    # kafka-python 2.1+ takes {member_id: subscription}; 2.0 a list of members.
    subscriptions = {m["id"]: SimpleNamespace(topics=m["subscription"], user_data=None,
                                              group_instance_id=m.get("group_instance_id"))
                     for m in scenario["members"]}
    members = [SimpleNamespace(member_id=m["id"], group_instance_id=m.get("group_instance_id"),
                               metadata=SimpleNamespace(topics=m["subscription"], user_data=None))
               for m in scenario["members"]]
    t = time.perf_counter()
    try:
        result = assignor.assign(cluster, subscriptions)
    except AttributeError:
        t = time.perf_counter()
        result = assignor.assign(cluster, members)
    elapsed = time.perf_counter() - t
    assert len(result) == len(members)
    print("%.3f" % elapsed)


if __name__ == "__main__":
    main()
