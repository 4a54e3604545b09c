//! Real Apache Kafka 4.4.0 coordinator logs (`tests/fixtures/wal-kafka-4.4`,
//! made by `scripts/make-kafka-log-fixtures`): `wal replay` must give the
//! state the broker itself served (recorded while it ran, and after it was
//! restarted on damaged copies), and `wal inspect` must decode every record
//! as Kafka's own DumpLogSegments decoded it.

use crate::common;

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wal-kafka-4.4")
        .join(rel)
}

fn json_file(rel: &str) -> Value {
    let text = std::fs::read_to_string(fixture(rel)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What the broker served: `broker/NAME.json`.
fn served(name: &str) -> Value {
    json_file(&format!("broker/{name}.json"))
}

fn segments() -> Vec<String> {
    json_file("manifest.json")["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn replay(path: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["wal", "replay", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::outcome(common::groupctl().args(&args));
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, v)
}

/// The log directory the broker was restarted on: the fixture with one damaged
/// segment, and after an unclean shutdown without the clean-shutdown marker
/// (`unclean-rp`: the recovery-point checkpoint kept) or without either (`unclean`).
fn variant(damage: &str, shutdown: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let data = fixture("data");
    let part = root.path().join("__consumer_offsets-0");
    std::fs::create_dir(&part).unwrap();
    for e in std::fs::read_dir(&data).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), root.path().join(e.file_name())).unwrap();
        }
    }
    for e in std::fs::read_dir(data.join("__consumer_offsets-0")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), part.join(e.file_name())).unwrap();
    }
    if damage != "intact" {
        for e in std::fs::read_dir(fixture(&format!("damaged/{damage}"))).unwrap() {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "log") {
                std::fs::copy(e.path(), part.join(e.file_name())).unwrap();
            }
        }
    }
    match shutdown {
        "clean" => {}
        "unclean-rp" => std::fs::remove_file(root.path().join(".kafka_cleanshutdown")).unwrap(),
        "unclean" => {
            std::fs::remove_file(root.path().join(".kafka_cleanshutdown")).unwrap();
            std::fs::remove_file(root.path().join("recovery-point-offset-checkpoint")).unwrap();
        }
        other => panic!("{other}"),
    }
    root
}

/// topic -> partitions as in the broker's describe output.
fn partitions(v: &Value) -> BTreeMap<String, Vec<i64>> {
    v.as_object()
        .map(|o| {
            o.iter()
                .map(|(t, ps)| {
                    let mut ps: Vec<i64> = ps
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_i64().unwrap())
                        .collect();
                    ps.sort();
                    (t.clone(), ps)
                })
                .filter(|(_, ps)| !ps.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// topic -> partition -> committed offset.
fn committed(g: &Value) -> BTreeMap<String, BTreeMap<String, i64>> {
    g["offsets"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(t, ps)| {
            let ps = ps
                .as_object()
                .unwrap()
                .iter()
                .map(|(p, o)| (p.clone(), o.as_i64().or(o["offset"].as_i64()).unwrap()))
                .collect();
            (t.clone(), ps)
        })
        .collect()
}

/// The groups a replay says the coordinator holds (deleted ones are gone).
fn live(st: &Value) -> BTreeMap<String, Value> {
    st["groups"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, g)| g["deleted"] != true)
        .map(|(n, g)| (n.clone(), g.clone()))
        .collect()
}

/// Everything the broker served about its groups, as the replay has it.
fn assert_serves(st: &Value, served: &Value, ctx: &str) {
    let groups = live(st);
    let want = served["groups"].as_object().unwrap();
    assert_eq!(
        groups.keys().collect::<BTreeSet<_>>(),
        want.keys().collect::<BTreeSet<_>>(),
        "{ctx}: the groups"
    );
    for (name, w) in want {
        let g = &groups[name];
        let at = |what: &str| format!("{ctx}: group {name}: {what}");
        // Kafka's "simple" groups (offsets committed without membership) are
        // classic groups without a protocol type: groupctl's offsets-only.
        let (kind, protocol) = match g["type"].as_str().unwrap() {
            "classic" => ("Classic", g["protocol_type"].as_str().unwrap_or("")),
            "offsets-only" => ("Classic", ""),
            "consumer" => ("Consumer", "consumer"),
            other => panic!("{}", at(other)),
        };
        assert_eq!(kind, w["type"], "{}", at("type"));
        assert_eq!(protocol, w["protocol"], "{}", at("protocol type"));
        assert_eq!(g["state"], w["state"], "{}", at("state"));
        assert_eq!(committed(g), committed(w), "{}", at("committed offsets"));
        let members = g["members"].as_array().unwrap();
        assert_eq!(members.len() as i64, w["member_count"], "{}", at("members"));
        if kind == "Classic" {
            let strategy = g["protocol"].as_str().unwrap_or("-");
            assert_eq!(strategy, w["assignment_strategy"], "{}", at("assignor"));
        } else {
            assert_eq!(g["group_epoch"], w["group_epoch"], "{}", at("group epoch"));
            assert_eq!(
                g["assignment_epoch"],
                w["target_assignment_epoch"],
                "{}",
                at("target assignment epoch")
            );
            // The assignor: the log has it when members ask for one; else
            // it is the broker's default (group.consumer.assignors), not logged.
            let asked: BTreeSet<&str> = members
                .iter()
                .filter_map(|m| m["server_assignor"].as_str())
                .collect();
            if asked.len() == 1 && members.iter().all(|m| m["server_assignor"].is_string()) {
                assert_eq!(
                    asked.first().copied(),
                    w["assignment_strategy"].as_str(),
                    "{}",
                    at("assignor")
                );
            }
        }
        for wm in w["members"].as_array().unwrap() {
            let id = wm["member_id"].as_str().unwrap();
            let m = members
                .iter()
                .find(|m| m["member_id"] == id)
                .unwrap_or_else(|| panic!("{}", at(&format!("member {id}"))));
            let at = |what: &str| at(&format!("member {id}: {what}"));
            assert_eq!(m["client_id"], wm["client_id"], "{}", at("client id"));
            assert_eq!(m["client_host"], wm["host"], "{}", at("host"));
            assert_eq!(
                partitions(&m["assigned_partitions"]),
                partitions(&wm["assignment"]),
                "{}",
                at("assignment")
            );
            if kind == "Consumer" {
                assert_eq!(m["member_epoch"], wm["member_epoch"], "{}", at("epoch"));
                assert_eq!(
                    g["assignment_epoch"],
                    wm["target_epoch"],
                    "{}",
                    at("target epoch")
                );
                assert_eq!(
                    partitions(&m["target_partitions"]),
                    partitions(&wm["target_assignment"]),
                    "{}",
                    at("target assignment")
                );
                if let Some(upgraded) = wm["upgraded"].as_bool() {
                    let consumer = m["member_type"] == "consumer";
                    assert_eq!(consumer, upgraded, "{}", at("protocol"));
                }
            }
        }
    }
}

/// "Loaded N records" from the broker's log after a restart on a copy.
fn loaded_records(name: &str) -> Option<i64> {
    let text = std::fs::read_to_string(fixture(&format!("broker/{name}.log.txt"))).unwrap();
    let at = text.find("Loaded ")?;
    text[at + 7..].split_whitespace().next()?.parse().ok()
}

#[test]
fn replay_gives_what_kafka_4_4_served() {
    let (code, st) = replay(&fixture("data"), &[]);
    assert_eq!(code, 0, "{st}");
    assert_eq!(st["errors"], serde_json::json!([]));
    assert_eq!(st["unknown"], serde_json::json!({}));
    assert_eq!(st["pending_transactions"], serde_json::json!([]));
    assert_serves(&st, &served("fixture"), "while it ran");
    // The broker restarted on the same files (after a clean shutdown) served the same.
    assert_serves(&st, &served("intact-clean"), "restarted");
    assert_eq!(
        Some(st["records"].as_i64().unwrap()),
        loaded_records("intact-clean")
    );
    let rules = st["recovery_rules"].to_string();
    assert!(rules.contains("(clean shutdown)"), "{rules}");
}

#[test]
fn deleted_and_expired_groups_are_gone() {
    let (_, st) = replay(&fixture("data"), &[]);
    let g = &st["groups"];
    // Deleted by kafka-consumer-groups --delete, a classic and a consumer group;
    // expired by offsets.retention.minutes=1 (their offsets, then the groups).
    for name in [
        "classic-deleted",
        "kip848-deleted",
        "expired-standalone",
        "expired-classic",
        "expired-consumer",
    ] {
        assert_eq!(g[name]["deleted"], true, "{name}");
        assert_eq!(g[name]["state"], "Dead", "{name}");
        assert_eq!(g[name]["offsets"], serde_json::json!({}), "{name}");
        assert!(served("fixture")["groups"].get(name).is_none(), "{name}");
    }
    // Its orders-0 expired with the group; orders-2, committed afterwards, made it again.
    assert_eq!(g["reused"]["deleted"], false);
    assert_eq!(g["reused"]["type"], "offsets-only");
    assert_eq!(
        committed(&g["reused"]),
        BTreeMap::from([("orders".into(), BTreeMap::from([("2".into(), 2)]))])
    );
    // OffsetDelete of a topic; reset-offsets of one partition.
    assert!(g["classic-roundrobin"]["offsets"].get("payments").is_none());
    assert_eq!(g["classic-sticky"]["offsets"]["orders"]["2"]["offset"], 3);
}

#[test]
fn transactional_offsets_committed_count_aborted_do_not() {
    let (_, st) = replay(&fixture("data"), &[]);
    let txn = &st["groups"]["txn-group"];
    let want = BTreeMap::from([
        (
            "orders".to_string(),
            BTreeMap::from([("0".to_string(), 20), ("1".to_string(), 21)]),
        ),
        ("payments".into(), BTreeMap::from([("1".into(), 9)])),
        // The transaction's audit-0=40 lost to a plain commit written after it.
        ("audit".into(), BTreeMap::from([("0".into(), 41)])),
    ]);
    assert_eq!(committed(txn), want);
    assert_eq!(txn["offsets"]["orders"]["0"]["transactional"], true);
    assert!(txn["offsets"]["audit"]["0"].get("transactional").is_none());
    // Only aborted writes: the group exists (Kafka made it for them), without offsets.
    let aborted = &st["groups"]["txn-aborted-only"];
    assert_eq!(
        (aborted["deleted"].clone(), aborted["state"].clone()),
        (false.into(), "Empty".into())
    );
    assert_eq!(aborted["offsets"], serde_json::json!({}));
    assert_eq!(st["control_batches"], 4);
}

#[test]
fn kip848_groups_as_the_broker_described_them() {
    let (_, st) = replay(&fixture("data"), &[]);
    let g = &st["groups"];
    // A classic member in a consumer group, told apart from the consumer member.
    for name in ["kip848-mixed", "classic-upgraded"] {
        assert_eq!(g[name]["type"], "consumer", "{name}");
        let types: BTreeSet<&str> = g[name]["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["member_type"].as_str().unwrap())
            .collect();
        assert_eq!(types, BTreeSet::from(["classic", "consumer"]), "{name}");
    }
    let classic = g["kip848-mixed"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["member_type"] == "classic")
        .unwrap();
    assert_eq!(classic["classic_session_timeout_ms"], 60000);
    assert_eq!(classic["classic_protocols"], serde_json::json!(["range"]));
    // The last consumer member left: Kafka turned the group into a classic group.
    assert_eq!(g["kip848-downgraded"]["type"], "classic");
    assert_eq!(g["kip848-regex"]["regexes"].as_object().unwrap().len(), 1);
    // Kafka 4.4 writes no partition metadata record: every topic id is named
    // through the topic ids of offset commits.
    for (name, grp) in g.as_object().unwrap() {
        for m in grp["members"].as_array().unwrap() {
            for k in ["assigned_partitions", "target_partitions"] {
                for topic in m[k].as_object().into_iter().flatten().map(|(t, _)| t) {
                    assert!(
                        ["orders", "payments", "audit"].contains(&topic.as_str()),
                        "{name}: {topic}"
                    );
                }
            }
        }
    }
}

#[test]
fn classic_generation_is_the_one_the_clients_were_given() {
    let (_, st) = replay(&fixture("data"), &[]);
    let clients = json_file("broker/clients.json");
    let report = &clients["classic-range-report"]["members"];
    for m in report.as_array().unwrap() {
        assert_eq!(st["groups"]["classic-range"]["generation"], m["generation"]);
        let id = m["member_id"].as_str().unwrap();
        let ours = st["groups"]["classic-range"]["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["member_id"] == id)
            .unwrap();
        assert_eq!(ours["group_instance_id"], m["group_instance_id"]);
    }
}

/// Kafka 4.4 also writes streams-group records (types 17-23), which groupctl
/// does not decode: one appended to the real log is shown raw and counted,
/// and the broker-mode replay goes on as the broker does (it skips types it
/// does not know, and these it knows are not about consumer groups).
#[test]
fn a_record_type_newer_than_the_decoder_is_reported_and_skipped() {
    let dir = variant("intact", "clean");
    let (_, before) = replay(dir.path(), &[]);
    let last = dir
        .path()
        .join("__consumer_offsets-0")
        .join(segments().last().unwrap());
    // StreamsGroupMetadataKey {GroupId} / StreamsGroupMetadataValue v0 {Epoch, MetadataHash}.
    let mut key = 17i16.to_be_bytes().to_vec();
    key.extend_from_slice(&(10i16).to_be_bytes());
    key.extend_from_slice(b"stream-app");
    let mut value = 0i16.to_be_bytes().to_vec();
    value.extend_from_slice(&3i32.to_be_bytes());
    value.extend_from_slice(&(-9i64).to_be_bytes());
    value.push(0);
    let next = before["last_offset"].as_i64().unwrap() + 1;
    let rec = groupctl::wal::build::raw_record(0, 0, Some(&key), Some(&value), 0);
    let batch = groupctl::wal::build::raw_batch(next, 0, 1_796_668_200_000, &[rec]);
    let mut data = std::fs::read(&last).unwrap();
    data.extend(batch);
    std::fs::write(&last, data).unwrap();
    let (code, st) = replay(dir.path(), &[]);
    assert_eq!(code, 0, "{st}");
    assert_eq!(st["errors"], serde_json::json!([]));
    assert_eq!(st["unknown"], serde_json::json!({"record type 17": 1}));
    assert_eq!(live(&st), live(&before));
    let out = common::stdout_of(common::groupctl().args([
        "wal",
        "inspect",
        last.to_str().unwrap(),
        "--json",
    ]));
    let shown: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(shown["type"], "unknown");
    assert_eq!(shown["record"]["record_type"], 17);
    assert!(shown["record"]["value_hex"]
        .as_str()
        .unwrap()
        .starts_with("000000000003"));
}

// ------------------------------------------------------------ damaged copies --

const DAMAGES: [&str; 3] = ["flip", "torn", "garbage"];
const SHUTDOWNS: [&str; 3] = ["clean", "unclean-rp", "unclean"];

#[test]
fn damaged_copies_replay_as_the_broker_loaded_them() {
    for damage in DAMAGES {
        for shutdown in SHUTDOWNS {
            let name = format!("{damage}-{shutdown}");
            let dir = variant(damage, shutdown);
            let (code, st) = replay(dir.path(), &[]);
            assert_eq!(code, 4, "{name}");
            let errors = st["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            let effect = errors[0]["effect"].as_str().unwrap();
            // What the broker did (its log: broker/NAME.log.txt) and what groupctl says it does.
            let want = match (damage, shutdown) {
                // Not validated (clean shutdown, or a recovery point past the
                // segment): the coordinator reads the batch without checking its CRC.
                ("flip", "clean" | "unclean-rp") => "applied",
                ("flip", _) => "truncates",
                // The batch runs past the end of the file: reading stops there.
                ("torn", "clean") => "stops_file",
                ("torn", _) => "truncates",
                // "Record size ... is less than the minimum record overhead": the load fails.
                ("garbage", "clean" | "unclean-rp") => "load_fails",
                ("garbage", _) => "truncates",
                _ => unreachable!(),
            };
            assert_eq!(effect, want, "{name}");
            let served = served(&name);
            if effect == "load_fails" {
                // The broker served no group of the partition.
                assert_eq!(served["groups"], serde_json::json!({}), "{name}");
                assert!(loaded_records(&name).is_none(), "{name}");
                continue;
            }
            assert_serves(&st, &served, &name);
            assert_eq!(
                Some(st["records"].as_i64().unwrap()),
                loaded_records(&name),
                "{name}: the records the broker loaded"
            );
        }
    }
}

#[test]
fn a_flipped_bit_the_broker_does_not_check_is_served() {
    let damage = json_file("damaged/flip/damage.json");
    let [was, now] = [0, 1].map(|i| damage["committed_offset"][i].as_i64().unwrap());
    let dir = variant("flip", "clean");
    let (_, st) = replay(dir.path(), &[]);
    let served = served("flip-clean");
    assert_eq!(
        served["groups"]["standalone"]["offsets"]["orders"]["0"],
        now
    );
    assert_eq!(
        st["groups"]["standalone"]["offsets"]["orders"]["0"]["offset"],
        now
    );
    assert_ne!(was, now);
}

#[test]
fn salvage_reads_every_intact_record() {
    let (_, intact) = replay(&fixture("data"), &[]);
    let total = intact["records"].as_i64().unwrap();
    for damage in DAMAGES {
        let dir = variant(damage, "unclean");
        let (code, st) = replay(dir.path(), &["--salvage"]);
        assert_eq!(code, 4, "{damage}");
        let lost = match damage {
            // The batch whose checksum fails: skipped.
            "flip" => batch_records(
                json_file("damaged/flip/damage.json")["batch_base_offset"]
                    .as_i64()
                    .unwrap(),
            ),
            // The torn batch: one record.
            "torn" => 1,
            // Garbage between batches: nothing lost.
            _ => 0,
        };
        assert_eq!(st["records"].as_i64().unwrap(), total - lost, "{damage}");
        assert_eq!(st["not_loaded_records"], 0, "{damage}");
        if damage == "garbage" {
            assert_eq!(
                live(&st),
                live(&intact),
                "past the garbage, the whole state"
            );
        }
    }
}

// ------------------------------------------------------- DumpLogSegments --

/// One record as Kafka's DumpLogSegments --offsets-decoder printed it.
#[derive(Debug)]
struct Dumped {
    offset: i64,
    create_time: i64,
    base_offset: i64,
    position: i64,
    producer_id: i64,
    transactional: bool,
    control: bool,
    /// `{"type":"1","data":{...}}`, or None for a control record.
    key: Option<Value>,
    /// `{"version":"4","data":{...}}`, Null for a tombstone, or the marker (COMMIT/ABORT).
    payload: Value,
}

fn field<'a>(line: &'a str, name: &str) -> &'a str {
    let at = line.find(&format!("{name}: ")).unwrap() + name.len() + 2;
    line[at..].split_whitespace().next().unwrap()
}

fn dumped(segment: &str) -> Vec<Dumped> {
    let path = fixture(&format!(
        "dump-log/{}.txt.gz",
        segment.trim_end_matches(".log")
    ));
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    parse_dump(&text)
}

fn parse_dump(text: &str) -> Vec<Dumped> {
    let mut out = Vec::new();
    let mut batch = (0, 0, 0, false, false);
    for line in text.lines() {
        if line.starts_with("baseOffset: ") {
            batch = (
                field(line, "baseOffset").parse().unwrap(),
                field(line, "position").parse().unwrap(),
                field(line, "producerId").parse().unwrap(),
                field(line, "isTransactional") == "true",
                field(line, "isControl") == "true",
            );
        } else if let Some(rest) = line.strip_prefix("| ") {
            let (key, payload) = if let Some(k) = rest.find(" key: ") {
                let p = rest.find(" payload: ").unwrap();
                let key = serde_json::from_str(&rest[k + 6..p]).unwrap();
                let payload = match &rest[p + 10..] {
                    "<DELETE>" => Value::Null,
                    json => serde_json::from_str(json).unwrap(),
                };
                (Some(key), payload)
            } else {
                (None, field(rest, "endTxnMarker").into())
            };
            out.push(Dumped {
                offset: field(rest, "offset").parse().unwrap(),
                create_time: field(rest, "CreateTime").parse().unwrap(),
                base_offset: batch.0,
                position: batch.1,
                producer_id: batch.2,
                transactional: batch.3,
                control: batch.4,
                key,
                payload,
            });
        }
    }
    out
}

fn batch_records(base_offset: i64) -> i64 {
    segments()
        .iter()
        .flat_map(|s| dumped(s))
        .filter(|d| d.base_offset == base_offset)
        .count() as i64
}

/// camelCase -> snake_case.
fn snake(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn base64_hex(s: &str) -> String {
    use base64::Engine as _;
    let b = base64::engine::general_purpose::STANDARD.decode(s).unwrap();
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Kafka's JSON of a flexible record value against groupctl's: every field
/// Kafka printed, by its snake_case name (bytes: base64 there, hex here).
fn agree(kafka: &Value, ours: &Value, at: &str) {
    match kafka {
        Value::Object(o) => {
            for (k, v) in o {
                let name = snake(k);
                let mine = ours.get(&name).unwrap_or(&Value::Null);
                if name == "metadata" && v.is_string() && ours.get("name").is_some() {
                    assert_eq!(base64_hex(v.as_str().unwrap()), *mine, "{at}.{name}");
                } else {
                    agree(v, mine, &format!("{at}.{name}"));
                }
            }
        }
        Value::Array(a) => {
            let mine = ours.as_array().unwrap_or_else(|| panic!("{at}: {ours}"));
            assert_eq!(a.len(), mine.len(), "{at}");
            for (i, (k, m)) in a.iter().zip(mine).enumerate() {
                agree(k, m, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(kafka, ours, "{at}"),
    }
}

fn offset_commit_agrees(kafka: &Map<String, Value>, ours: &Value, at: &str) {
    for (k, v) in kafka {
        let name = snake(k);
        let mine = &ours[&name];
        // groupctl shows "no leader epoch" (-1) as null.
        if name == "leader_epoch" && v == -1 {
            assert!(mine.is_null(), "{at}.{name}");
        } else {
            assert_eq!(v, mine, "{at}.{name}");
        }
    }
}

fn group_metadata_agrees(kafka: &Map<String, Value>, ours: &Value, at: &str) {
    for (k, v) in kafka {
        let name = snake(k);
        if name == "members" {
            let mine = ours["members"].as_array().unwrap();
            assert_eq!(v.as_array().unwrap().len(), mine.len(), "{at}.members");
            for (km, m) in v.as_array().unwrap().iter().zip(mine) {
                for (mk, mv) in km.as_object().unwrap() {
                    match mk.as_str() {
                        "subscription" => {
                            assert_eq!(mv["topics"], m["subscribed_topics"], "{at}.subscription")
                        }
                        "assignment" => {
                            let mut want = Map::new();
                            for tp in mv["assignedPartitions"].as_array().unwrap() {
                                want.insert(
                                    tp["topic"].as_str().unwrap().into(),
                                    tp["partitions"].clone(),
                                );
                            }
                            assert_eq!(
                                Value::Object(want),
                                m["assigned_partitions"],
                                "{at}.assignment"
                            );
                        }
                        _ => assert_eq!(*mv, m[snake(mk)], "{at}.members.{mk}"),
                    }
                }
            }
        } else if name == "current_state_timestamp" && v == -1 {
            assert!(ours[&name].is_null(), "{at}.{name}");
        } else {
            assert_eq!(*v, ours[&name], "{at}.{name}");
        }
    }
}

fn inspect_records() -> Vec<Value> {
    let out = common::stdout_of(common::groupctl().args([
        "wal",
        "inspect",
        fixture("data").to_str().unwrap(),
        "--json",
    ]));
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn inspect_decodes_every_record_as_dump_log_segments_did() {
    let ours = inspect_records();
    let kafka: Vec<Dumped> = segments().iter().flat_map(|s| dumped(s)).collect();
    assert_eq!(ours.len(), kafka.len(), "records");
    let mut seen = BTreeMap::<String, usize>::new();
    for (o, k) in ours.iter().zip(&kafka) {
        let at = format!("offset {}", k.offset);
        let rec = &o["record"];
        assert_ne!(o["type"], "unknown", "{at}: {o}");
        assert_eq!(o["offset"], k.offset, "{at}");
        assert_eq!(o["timestamp"], k.create_time, "{at}");
        assert_eq!(o["byte_position"], k.position, "{at}");
        let b = &o["batch"];
        assert_eq!(
            (
                b["base_offset"].as_i64(),
                b["producer_id"].as_i64(),
                b["transactional"].as_bool(),
                b["control"].as_bool()
            ),
            (
                Some(k.base_offset),
                Some(k.producer_id),
                Some(k.transactional),
                Some(k.control)
            ),
            "{at}"
        );
        let Some(key) = &k.key else {
            assert_eq!(rec["marker"], k.payload, "{at}");
            *seen.entry("control".into()).or_default() += 1;
            continue;
        };
        let kind: i64 = key["type"].as_str().unwrap().parse().unwrap();
        let ours_kind = match rec["kind"].as_str().unwrap() {
            "offset_commit" => 1,
            "group_metadata" => 2,
            "group" => rec["record_type"].as_i64().unwrap(),
            other => panic!("{at}: {other}"),
        };
        assert_eq!(ours_kind, kind, "{at}: record type");
        let kd = key["data"].as_object().unwrap();
        for (k, v) in kd {
            let mine = match k.as_str() {
                "group" | "groupId" => &rec["group"],
                "memberId" => &rec["member"],
                "regularExpression" => &rec["regex"],
                other => &rec[other],
            };
            assert_eq!(v, mine, "{at}: key {k}");
        }
        let version = match &k.payload {
            Value::Null => {
                assert!(rec["value"].is_null(), "{at}: a tombstone");
                "tombstone".to_string()
            }
            p => {
                let data = p["data"].as_object().unwrap();
                let value = &rec["value"];
                match kind {
                    1 => {
                        assert_eq!(p["version"], value["version"].to_string(), "{at}");
                        offset_commit_agrees(data, value, &at)
                    }
                    2 => {
                        assert_eq!(p["version"], value["version"].to_string(), "{at}");
                        group_metadata_agrees(data, value, &at)
                    }
                    _ => {
                        assert_eq!(p["version"], "0", "{at}");
                        agree(&p["data"], value, &at)
                    }
                }
                format!("v{}", p["version"].as_str().unwrap())
            }
        };
        *seen.entry(format!("{kind} {version}")).or_default() += 1;
    }
    // What Kafka 4.4.0 wrote: the record types and value versions of this log.
    let kinds: BTreeSet<&str> = seen.keys().map(String::as_str).collect();
    for want in [
        "1 v4",
        "2 v3",
        "3 v0",
        "5 v0",
        "6 v0",
        "7 v0",
        "8 v0",
        "16 v0",
        "4 tombstone",
        "control",
    ] {
        assert!(kinds.contains(want), "{want} in {kinds:?}");
    }
    assert!(
        !kinds.contains("4 v0"),
        "no partition metadata record since Kafka 4.1"
    );
}

/// The stored dumps are what Kafka 4.4's tool prints for these segments (needs the jars).
#[test]
fn dump_log_segments_prints_the_stored_dump() {
    if common::test_broker() != common::TestBroker::Kafka {
        common::skip("needs Apache Kafka's tools (scripts/install-kafka)");
        return;
    }
    let seg = &segments()[0];
    let file = fixture("data/__consumer_offsets-0").join(seg);
    let (code, out, err) = common::kafka::tool(
        "dump-log",
        &["--offsets-decoder", "--files", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let now = parse_dump(&out);
    let stored = dumped(seg);
    assert_eq!(now.len(), stored.len());
    for (a, b) in now.iter().zip(&stored) {
        assert_eq!(
            (a.offset, &a.key, &a.payload),
            (b.offset, &b.key, &b.payload)
        );
    }
}
