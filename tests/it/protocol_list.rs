//! `list --state` on a broker whose ListGroups carries no state (below v4):
//! states come from DescribeGroups, and a group whose state nobody can tell
//! is kept, marked Unknown, with a warning, rather than silently dropped.

use crate::common;
use common::responder::*;
use common::{groupctl, outcome};
use kafka_protocol::messages::describe_groups_response::DescribedGroup;
use kafka_protocol::messages::list_groups_response::ListedGroup;
use kafka_protocol::messages::*;

fn old_list_groups_broker() -> Responder {
    let apis = kafka_41_apis()
        .into_iter()
        .map(|(k, lo, hi)| (k, lo, if k == ApiKey::ListGroups { 3 } else { hi }))
        .collect();
    Responder::start(apis, vec![], |req| match req.api_key {
        ApiKey::ListGroups => {
            assert!(req.version <= 3);
            let groups = ["active", "idle", "mystery"]
                .iter()
                .map(|g| {
                    ListedGroup::default()
                        .with_group_id(GroupId(sb(g)))
                        .with_protocol_type(sb("consumer"))
                })
                .collect();
            Some(reply(
                &ListGroupsResponse::default().with_groups(groups),
                req.version,
            ))
        }
        ApiKey::DescribeGroups => {
            let d: DescribeGroupsRequest = req.decode();
            let groups = d
                .groups
                .iter()
                .map(|g| {
                    let described = DescribedGroup::default().with_group_id(g.clone());
                    match g.0.as_str() {
                        "active" => described.with_group_state(sb("Stable")),
                        "idle" => described.with_group_state(sb("Empty")),
                        // COORDINATOR_LOAD_IN_PROGRESS would be retried; this is final.
                        _ => described.with_error_code(69),
                    }
                })
                .collect();
            Some(reply(
                &DescribeGroupsResponse::default().with_groups(groups),
                req.version,
            ))
        }
        _ => None,
    })
}

fn listed(out: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(out).unwrap();
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn state_filter_works_without_states_from_list_groups() {
    let r = old_list_groups_broker();
    let (code, out, err) =
        outcome(groupctl().args(["-b", r.addr(), "list", "--state", "stable", "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        listed(&out),
        pairs(&[("active", "Stable"), ("mystery", "Unknown")])
    );
    assert_eq!(
        err,
        "warning: kept 1 group(s) whose state no broker reports (shown as Unknown), so they may not be stable: mystery\n"
    );
    assert_eq!(
        r.count(ApiKey::DescribeGroups),
        1,
        "one DescribeGroups for all"
    );

    let (code, out, _) =
        outcome(groupctl().args(["-b", r.addr(), "list", "--state", "Empty,Dead"]));
    assert_eq!(code, 0);
    let rows: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(rows, ["idle", "mystery"], "{out}");

    // Without a state filter, nothing is described: the list stays one request per broker.
    let (code, out, _) = outcome(groupctl().args(["-b", r.addr(), "list", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(
        listed(&out),
        pairs(&[
            ("active", "Unknown"),
            ("idle", "Unknown"),
            ("mystery", "Unknown")
        ])
    );
    assert_eq!(r.count(ApiKey::DescribeGroups), 2);
}

/// `--type` is sent to a broker with ListGroups v5 (it filters, the answer is
/// smaller) and still applied to what comes back; a v4 broker gets no filter.
#[test]
fn types_go_to_brokers_that_filter_by_type() {
    use std::sync::{Arc, Mutex};
    // Below v5 there are no types: every group is classic, so none is a consumer group.
    for (max, sent, found) in [
        (5i16, vec!["consumer".to_string()], vec!["c1"]),
        (4, vec![], vec![]),
    ] {
        let seen: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
        let seen2 = seen.clone();
        let apis = kafka_41_apis()
            .into_iter()
            .map(|(k, lo, hi)| (k, lo, if k == ApiKey::ListGroups { max } else { hi }))
            .collect();
        let r = Responder::start(apis, vec![], move |req| match req.api_key {
            ApiKey::ListGroups => {
                let l: ListGroupsRequest = req.decode();
                seen2
                    .lock()
                    .unwrap()
                    .push(l.types_filter.iter().map(|t| t.to_string()).collect());
                let groups = [("c1", "consumer"), ("k1", "classic")]
                    .iter()
                    .map(|(g, t)| {
                        ListedGroup::default()
                            .with_group_id(GroupId(sb(g)))
                            .with_protocol_type(sb("consumer"))
                            .with_group_state(sb("Stable"))
                            .with_group_type(sb(t))
                    })
                    .collect();
                Some(reply(
                    &ListGroupsResponse::default().with_groups(groups),
                    req.version,
                ))
            }
            _ => None,
        });
        let (code, out, err) =
            outcome(groupctl().args(["-b", r.addr(), "list", "--type", "consumer", "--json"]));
        assert_eq!(code, 0, "{err}");
        let names: Vec<String> = listed(&out).into_iter().map(|(g, _)| g).collect();
        assert_eq!(names, found, "filtered here too, whatever the broker did");
        assert!(
            seen.lock().unwrap().iter().all(|f| *f == sent),
            "v{max}: {:?}",
            seen.lock().unwrap()
        );
    }
}
