//! `list` and `describe` against a real broker with real consumer groups.
//! Names are unique per test; what a broker reports (coordinator, whether it
//! can describe groups) is asked of it (common::caps), not assumed.

use crate::common;
use common::*;
use serde_json::Value;

/// Topics `orders` (3 x 10 records) and `payments` (2 x 5); an empty group
/// with lag and no commit for orders-2.
struct Fx {
    orders: String,
    payments: String,
    empty: String,
}

fn setup(bs: &str) -> Fx {
    let f = Fx {
        orders: unique("orders"),
        payments: unique("payments"),
        empty: unique("g-empty"),
    };
    create_topic(bs, &f.orders, 3);
    create_topic(bs, &f.payments, 2);
    for p in 0..3 {
        produce(bs, &f.orders, p, 10);
    }
    produce(bs, &f.payments, 0, 5);
    produce(bs, &f.payments, 1, 5);
    commit(bs, &f.empty, &[(&f.orders, 0, 4), (&f.orders, 1, 10)]);
    f
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

/// (partition, current, log end, lag) of a describe --json group.
fn rows(g: &Value) -> Vec<(i64, Option<i64>, i64, Option<i64>)> {
    g["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["partition"].as_i64().unwrap(),
                p["current_offset"].as_i64(),
                p["log_end_offset"].as_i64().unwrap(),
                p["lag"].as_i64(),
            )
        })
        .collect()
}

#[test]
fn list_shows_every_group_with_its_coordinator() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let f = setup(bs);
    let other = unique("g-other");
    commit(bs, &other, &[(&f.payments, 0, 1)]);

    let v = json(groupctl().args(["-b", bs, "list", "--json"]));
    assert_eq!(v["failed_brokers"], serde_json::json!([]));
    let table = stdout_of(groupctl().args(["-b", bs, "list"]));
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["GROUP", "TYPE", "STATE", "COORDINATOR", "PROTOCOL"]
    );
    for g in [&f.empty, &other] {
        let listed = v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["group"] == g.as_str())
            .unwrap_or_else(|| panic!("{g} listed: {v}"));
        // The broker that lists a group is the one FindCoordinator names.
        let (id, addr) = caps::coordinator(bs, g);
        let c = &listed["coordinator"];
        assert_eq!(c["id"], id, "{listed}");
        assert_eq!(
            format!("{}:{}", c["host"].as_str().unwrap(), c["port"]),
            addr
        );
        assert_eq!(listed["type"], "classic");
        // As the broker lists it: "" on Kafka for a group that only committed offsets.
        let (protocol, _) = caps::listed(bs, g);
        assert_eq!(listed["protocol_type"], protocol.as_str());
        // The table says the same.
        let row = table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(g.as_str()))
            .unwrap();
        let cols: Vec<&str> = row.split_whitespace().collect();
        let state = listed["state"].as_str().unwrap();
        let id = format!("{id})");
        let shown = if protocol.is_empty() {
            "-"
        } else {
            protocol.as_str()
        };
        assert_eq!(
            cols,
            [
                g.as_str(),
                "classic",
                state,
                addr.as_str(),
                "(id:",
                &id,
                shown
            ]
        );
    }

    // Client-side type filter: these are classic groups.
    let v = json(groupctl().args(["-b", bs, "list", "--type", "consumer", "--json"]));
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&f.empty.as_str()), "{names:?}");
}

#[test]
fn list_state_filter_matches_each_groups_state() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let f = setup(bs);
    if !caps::describes_groups(bs, &f.empty) {
        // Neither ListGroups (Chronik 2.10 says Stable for every group) nor
        // DescribeGroups can tell states here; nothing to filter on.
        return;
    }
    let active = unique("g-active");
    let runner = GroupRunner::start(bs, &active, "range", 1, &[&f.orders]);
    let listed = |state: &str| -> Vec<String> {
        let v = json(groupctl().args(["-b", bs, "list", "--state", state, "--json"]));
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["group"].as_str().unwrap().to_string())
            .collect()
    };
    // Some brokers list a group only once it has committed offsets: wait for that.
    let mut stable = Vec::new();
    for _ in 0..50 {
        stable = listed("Stable");
        if stable.contains(&active) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(stable.contains(&active), "{stable:?}");
    assert!(!stable.contains(&f.empty), "{stable:?}");
    let empty = listed("empty,dead");
    assert!(empty.contains(&f.empty), "{empty:?}");
    assert!(!empty.contains(&active), "{empty:?}");
    runner.stop();
}

#[test]
fn describe_empty_group_shows_lag_and_missing_commits() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let f = setup(bs);
    let out = caps::describe_stdout(
        bs,
        &f.empty,
        groupctl().args(["-b", bs, "describe", &f.empty]),
    );
    let mut lines = out.lines();
    let header = lines.next().unwrap();
    // The time lag is the age of offset 4's record, written just now: seconds at most.
    let age = out
        .lines()
        .nth(3)
        .unwrap()
        .split_whitespace()
        .nth(6)
        .unwrap();
    assert!(
        age.ends_with("ms") || (age.ends_with('s') && !age.contains('m')),
        "{out}"
    );
    let (id, addr) = caps::coordinator(bs, &f.empty);
    if caps::describes_groups(bs, &f.empty) {
        assert_eq!(
            header,
            format!(
                "Group {}: state Empty, type classic, coordinator {addr} (id: {id}), assignor -, 0 members, total lag 6, max time lag {age}, 1 partition without a committed offset",
                f.empty
            )
        );
    } else {
        assert!(
            header.contains(&format!(
                "total lag 6, max time lag {age}, 1 partition without a committed offset"
            )),
            "{header}"
        );
    }
    assert_eq!(lines.next(), Some(""));
    let table: Vec<Vec<&str>> = lines.map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        table[0],
        [
            "GROUP",
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "TIME-LAG",
            "CONSUMER-ID",
            "HOST",
            "CLIENT-ID"
        ]
    );
    let (g, t) = (f.empty.as_str(), f.orders.as_str());
    assert_eq!(
        table[1..],
        [
            [g, t, "0", "4", "10", "6", age, "-", "-", "-"],
            [g, t, "1", "10", "10", "0", "-", "-", "-", "-"],
            [g, t, "2", "-", "10", "-", "-", "-", "-", "-"],
        ]
    );
}

#[test]
fn describe_json_schema_for_an_empty_group() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let f = setup(bs);
    let out = caps::describe_stdout(
        bs,
        &f.empty,
        groupctl().args(["-b", bs, "describe", &f.empty, "--json"]),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["group"], f.empty.as_str());
    if caps::describes_groups(bs, &f.empty) {
        assert_eq!(g["state"], "Empty");
        assert_eq!(g["type"], "classic");
        assert_eq!(g["error"], Value::Null);
        assert_eq!(v["errors"], serde_json::json!([]));
    } else {
        // Degraded: state unknown, the reason in `error`, offsets and lag all the same.
        assert_eq!(g["state"], "Unknown");
        let e = g["error"].as_str().unwrap();
        assert!(e.starts_with("DescribeGroups failed: "), "{e}");
        assert_eq!(v["errors"][0]["group"], f.empty.as_str());
    }
    assert_eq!(g["total_lag"], 6);
    assert_eq!(g["partitions_without_commit"], 1);
    assert_eq!(
        rows(g),
        vec![
            (0, Some(4), 10, Some(6)),
            (1, Some(10), 10, Some(0)),
            (2, None, 10, None)
        ]
    );
}

#[test]
fn describe_active_group_members_and_state() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let f = setup(bs);
    let active = unique("g-active");
    let runner = GroupRunner::start(bs, &active, "range", 2, &[&f.orders, &f.payments]);
    assert_eq!(runner.assignments.as_object().unwrap().len(), 2);

    if caps::describes_groups(bs, &active) {
        let v = json(groupctl().args(["-b", bs, "describe", &active, "--members", "--json"]));
        let g = &v["groups"][0];
        assert_eq!(g["state"], "Stable");
        assert_eq!(g["members"].as_array().unwrap().len(), 2);
        assert!(
            g.get("partitions").is_none(),
            "members view has no partitions: {g}"
        );
        let out = stdout_of(groupctl().args(["-b", bs, "describe", &active, "--state"]));
        let cols: Vec<&str> = out.lines().nth(1).unwrap().split_whitespace().collect();
        assert_eq!(cols[0], active);
        assert_eq!(&cols[cols.len() - 3..], ["Stable", "classic", "2"]);
    }

    // The consumers commit as they go: lag reaches 0 on every partition.
    let mut last = Value::Null;
    for _ in 0..50 {
        let out = caps::describe_stdout(
            bs,
            &active,
            groupctl().args(["-b", bs, "describe", &active, "--json"]),
        );
        last = serde_json::from_str(&out).unwrap();
        let g = &last["groups"][0];
        if g["total_lag"] == 0 && g["partitions_without_commit"] == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert_eq!(last["groups"][0]["total_lag"], 0, "{last}");
    assert_eq!(last["groups"][0]["partitions"].as_array().unwrap().len(), 5);
    runner.stop();
}

#[test]
fn unknown_group_is_an_error() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let g = unique("no-such-group");
    let (code, out, err) = outcome(groupctl().args(["-b", bs, "describe", &g]));
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(&format!("group {g}")), "{err}");
    // groupctl's "not found", or the broker's GROUP_ID_NOT_FOUND explained.
    assert!(
        err.contains("not found") || err.contains("does not know this group"),
        "{err}"
    );
}

#[test]
fn all_groups_costs_a_constant_number_of_requests() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let t = unique("t");
    create_topic(bs, &t, 2);
    produce(bs, &t, 0, 3);
    let prefix = unique("grp");
    let count = |n: usize| -> u64 {
        for i in 0..n {
            commit(bs, &format!("{prefix}-{n}-{i}"), &[(&t, 0, 1)]);
        }
        let out = groupctl()
            .args(["-b", bs])
            .args(["-v", "describe", "--all-groups", "--json"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        // A broker that cannot describe its groups: described as degraded, exit 4.
        let ok = if caps::describes_groups(bs, &format!("{prefix}-{n}-0")) {
            0
        } else {
            4
        };
        assert_eq!(out.status.code(), Some(ok), "{err}");
        let line = err
            .lines()
            .find(|l| l.contains(" requests ("))
            .expect("request counter at -v");
        line.trim_start_matches("groupctl: ")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let few = count(2);
    let many = count(20);
    let pair = [format!("{prefix}-2-0"), format!("{prefix}-2-1")];
    if !caps::answers_batched_offset_fetch(bs, [&pair[0], &pair[1]]) {
        // Each group a batched answer leaves out is asked for alone (documented).
        return;
    }
    assert_eq!(
        few, many,
        "requests must not grow with the number of groups"
    );
}
