//! `--tenant-prefix`: the multi-tenant proxy view against a real broker —
//! only the tenant's groups and topics, shown without the prefix, and
//! requests (describe, offsets, reset) add it back.

use crate::common;
use common::*;

#[test]
fn tenant_view_lists_describes_and_resets_only_its_own() {
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (acme_topic, other_topic) = (unique("acme.orders"), unique("other.orders"));
    let acme_local = acme_topic.strip_prefix("acme.").unwrap().to_string();
    for t in [&acme_topic, &other_topic] {
        create_topic(bs, t, 2);
        produce(bs, t, 0, 10);
        produce(bs, t, 1, 10);
    }
    let (acme_group, other_group) = (unique("acme.billing"), unique("other.billing"));
    let acme_group_local = acme_group.strip_prefix("acme.").unwrap().to_string();
    commit(bs, &acme_group, &[(&acme_topic, 0, 4), (&acme_topic, 1, 6)]);
    commit(bs, &other_group, &[(&other_topic, 0, 3)]);

    let out =
        stdout_of(
            groupctl()
                .args(["-b", bs])
                .args(["--tenant-prefix", "acme.", "list", "--json"]),
        );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert!(names.contains(&acme_group_local.as_str()), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("acme.") && !n.contains("other.")),
        "{names:?}"
    );

    let out = caps::describe_stdout(
        bs,
        &acme_group,
        groupctl().args(["-b", bs]).args([
            "--tenant-prefix",
            "acme.",
            "describe",
            &acme_group_local,
            "--json",
        ]),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["groups"][0];
    assert_eq!(g["group"], acme_group_local.as_str());
    let parts = g["partitions"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert!(
        parts.iter().all(|p| p["topic"] == acme_local.as_str()),
        "{out}"
    );
    assert_eq!(g["total_lag"], 10);

    // Another tenant's group is not visible through this prefix.
    let o = groupctl()
        .args(["-b", bs])
        .args([
            "--tenant-prefix",
            "acme.",
            "describe",
            other_group.as_str(),
            "--json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains(&other_topic), "{text}");

    // A reset through the tenant view lands on the prefixed group and topic.
    let dir = tempfile::tempdir().unwrap();
    let o = groupctl()
        .args(["-b", bs])
        .args([
            "--tenant-prefix",
            "acme.",
            "reset-offsets",
            &acme_group_local,
            "--topic",
            &acme_local,
            "--to-earliest",
            "--execute",
        ])
        .args(["--backup-dir", dir.path().to_str().unwrap()])
        .args(caps::write_flags(bs, &acme_group))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        committed(bs, &acme_group, &[(&acme_topic, 0), (&acme_topic, 1)]),
        vec![Some(0), Some(0)]
    );
    assert_eq!(
        committed(bs, &other_group, &[(&other_topic, 0)]),
        vec![Some(3)],
        "other tenant untouched"
    );
}
