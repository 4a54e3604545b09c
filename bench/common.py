"""Shared by the benchmark scripts: start the test broker or the fault cluster, time commands."""
import json
import os
import socket
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPCTL = os.path.join(ROOT, "target/release/groupctl")
FAULT_CLUSTER = os.path.join(ROOT, "target/release/examples/fault_cluster")


def start_broker():
    tansu = os.environ.get("GROUPCTL_TANSU", os.path.join(ROOT, ".ci/bin/tansu"))
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    url = "tcp://127.0.0.1:%d" % port
    proc = subprocess.Popen([tansu, "broker", "--listener-url", url, "--advertised-listener-url", url,
                             "--storage-engine", "memory://tansu/"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return proc, "127.0.0.1:%d" % port
        except OSError:
            time.sleep(0.02)
    raise SystemExit("broker did not start")


class Cluster:
    """The test suite's fault cluster as a process (`cargo build --release --example
    fault_cluster`): Tansu behind a proxy presenting `brokers` brokers, each way
    delayed by `latency_ms`. `bootstrap` is for the tools under test, `upstream`
    (the real broker, no latency) for setup."""

    def __init__(self, brokers=3, latency_ms=5, black_hole=()):
        if not os.path.exists(FAULT_CLUSTER):
            raise SystemExit("build it first: cargo build --release --example fault_cluster")
        args = [FAULT_CLUSTER, "--brokers", str(brokers), "--latency-ms", str(latency_ms), "--stdin"]
        if black_hole:
            args += ["--black-hole", ",".join(str(b) for b in black_hole)]
        env = dict(os.environ)
        env.setdefault("GROUPCTL_TANSU", os.path.join(ROOT, ".ci/bin/tansu"))
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        info = json.loads(self.proc.stdout.readline())
        self.bootstrap = info["bootstrap"]
        self.upstream = info["upstream"]
        self.latency_ms = latency_ms

    def addrs(self):
        return self.bootstrap.split(",")

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


def summary(times):
    return "best %.3f s, median %.3f s" % (min(times), statistics.median(times))


def machine():
    model = "unknown"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "%s, %d cores" % (model, os.cpu_count())
