#!/usr/bin/env python3
"""Whole-process timing of `groupctl assign ... --json` (read, parse, assign,
report, write), median of N runs, with each run's peak RSS from wait4.

Usage: python3 bench/assign_whole.py GROUPCTL RUNS LABEL=STRATEGY:SCENARIO ...
"""
import os
import statistics
import subprocess
import sys
import time


def one(cmd):
    t = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null)
        _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s" % " ".join(cmd))
    return elapsed, usage.ru_maxrss  # KiB on Linux


def main():
    groupctl, runs = sys.argv[1], int(sys.argv[2])
    print("%-44s %10s %10s %12s" % ("case", "median", "min", "peak RSS"))
    for spec in sys.argv[3:]:
        label, _, rest = spec.partition("=")
        strategy, _, scenario = rest.partition(":")
        cmd = [groupctl, "assign", "--strategy", strategy, "--input", scenario, "--json"]
        one(cmd)  # warm the page cache
        res = [one(cmd) for _ in range(runs)]
        times = [r[0] for r in res]
        print("%-44s %9.3fs %9.3fs %9.0f MiB" % (label, statistics.median(times), min(times),
                                                 max(r[1] for r in res) / 1024))


if __name__ == "__main__":
    main()
