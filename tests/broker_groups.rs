//! `list` and `describe` against a real broker with real consumer groups.

mod common;
use common::*;

fn setup(bs: &str) {
    create_topic(bs, "orders", 3);
    create_topic(bs, "payments", 2);
    for p in 0..3 {
        produce(bs, "orders", p, 10);
    }
    produce(bs, "payments", 0, 5);
    produce(bs, "payments", 1, 5);
    // Empty group with lag, and with no commit for orders-2.
    commit(bs, "g-empty", &[("orders", 0, 4), ("orders", 1, 10)]);
}

#[test]
fn list_shows_every_group_with_its_coordinator() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    setup(bs);
    commit(bs, "g-other", &[("payments", 0, 1)]);
    let out = stdout_of(groupctl().args(["-b", bs]).arg("list"));
    let coord = format!("{bs} (id: 111)");
    let expected = format!(
        "GROUP    TYPE     STATE    COORDINATOR{pad}  PROTOCOL\n\
         g-empty  classic  Unknown  {coord}  consumer\n\
         g-other  classic  Unknown  {coord}  consumer\n",
        pad = " ".repeat(coord.len() - "COORDINATOR".len())
    );
    assert_eq!(out, expected);

    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        groupctl().args(["-b", bs]).args(["list", "--json"]),
    ))
    .unwrap();
    let groups: Vec<&str> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["g-empty", "g-other"]);
    assert_eq!(json["groups"][0]["coordinator"]["id"], 111);
    assert_eq!(json["failed_brokers"], serde_json::json!([]));

    // Client-side type filter on a broker without KIP-848 groups.
    let out = stdout_of(
        groupctl()
            .args(["-b", bs])
            .args(["list", "--type", "consumer", "--json"]),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["groups"], serde_json::json!([]));
}

#[test]
fn describe_empty_group_shows_lag_and_missing_commits() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    setup(bs);
    let out = stdout_of(groupctl().args(["-b", bs]).args(["describe", "g-empty"]));
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
    let expected = format!(
        "Group g-empty: state Empty, type classic, coordinator {bs} (id: 111), assignor -, 0 members, total lag 6, max time lag {age}, 1 partition without a committed offset\n\
         \n\
         GROUP    TOPIC   PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  TIME-LAG  CONSUMER-ID  HOST  CLIENT-ID\n\
         g-empty  orders  0          4               10              6    {age:<8}  -            -     -\n\
         g-empty  orders  1          10              10              0    -         -            -     -\n\
         g-empty  orders  2          -               10              -    -         -            -     -\n"
    );
    assert_eq!(out, expected);
}

#[test]
fn describe_json_schema_for_an_empty_group() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    setup(bs);
    let out = stdout_of(
        groupctl()
            .args(["-b", bs])
            .args(["describe", "g-empty", "--json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["group"], "g-empty");
    assert_eq!(g["state"], "Empty");
    assert_eq!(g["type"], "classic");
    assert_eq!(g["total_lag"], 6);
    assert_eq!(g["partitions_without_commit"], 1);
    let rows: Vec<(i64, Option<i64>, i64, Option<i64>)> = g["partitions"]
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
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, Some(4), 10, Some(6)),
            (1, Some(10), 10, Some(0)),
            (2, None, 10, None)
        ]
    );
    assert_eq!(v["errors"], serde_json::json!([]));
}

#[test]
fn describe_active_group_members_and_state() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    setup(bs);
    let runner = GroupRunner::start(bs, "g-active", "range", 2, &["orders", "payments"]);
    let members = runner.assignments.as_object().unwrap().len();
    assert_eq!(members, 2);

    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(groupctl().args(["-b", bs]).args([
            "describe",
            "g-active",
            "--members",
            "--json",
        ])))
        .unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["state"], "Stable");
    assert_eq!(g["members"].as_array().unwrap().len(), 2);
    assert!(
        g.get("partitions").is_none(),
        "members view has no partitions: {g}"
    );

    let out = stdout_of(
        groupctl()
            .args(["-b", bs])
            .args(["describe", "g-active", "--state"]),
    );
    let line = out.lines().nth(1).unwrap();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cols[0], "g-active");
    assert_eq!(&cols[cols.len() - 3..], ["Stable", "classic", "2"]);

    // The consumers commit as they go: lag reaches 0 on every partition.
    let mut last = String::new();
    for _ in 0..50 {
        last = stdout_of(
            groupctl()
                .args(["-b", bs])
                .args(["describe", "g-active", "--json"]),
        );
        let v: serde_json::Value = serde_json::from_str(&last).unwrap();
        if v["groups"][0]["total_lag"] == 0 && v["groups"][0]["partitions_without_commit"] == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let v: serde_json::Value = serde_json::from_str(&last).unwrap();
    assert_eq!(v["groups"][0]["total_lag"], 0, "{last}");
    assert_eq!(v["groups"][0]["partitions"].as_array().unwrap().len(), 5);
    runner.stop();
}

#[test]
fn unknown_group_is_an_error() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let out = groupctl()
        .args(["-b", bs])
        .args(["describe", "no-such-group"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: group no-such-group: not found (no members and no committed offsets)\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn all_groups_costs_a_constant_number_of_requests() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    create_topic(bs, "t", 2);
    produce(bs, "t", 0, 3);
    let count = |n: usize| -> u64 {
        for i in 0..n {
            commit(bs, &format!("grp-{n}-{i}"), &[("t", 0, 1)]);
        }
        let out = groupctl()
            .args(["-b", bs])
            .args(["-v", "describe", "--all-groups", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
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
    assert_eq!(
        few, many,
        "requests must not grow with the number of groups"
    );
}
