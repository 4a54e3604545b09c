//! Cross-check against Apache Kafka's own Java assignors on random scenarios.
//!
//! Ignored by default: it needs a command that runs the Java assignors and
//! speaks this line protocol on stdin/stdout (one scenario at a time):
//!
//! ```text
//! S <range|roundrobin|sticky|cooperative-sticky> <prefer_rack_aware 0|1>
//! T <topic> <partitions> [<racks of p0>;<racks of p1>;...]   racks joined by '|'
//! M <id> <group.instance.id|-> <rack|-> <generation|-> <topic,topic|-> <t:p,t:p|->
//! E
//! ```
//! answered by one `<member> <t:p,t:p,...>` line per member (input order) and `END`.
//! `sticky` is AbstractStickyAssignor with owned partitions and generation taken
//! from the subscription. Run with
//! `GROUPCTL_JAVA_ASSIGNOR='java -cp DIR Harness' cargo test --test assign_java_crosscheck -- --ignored`.

use groupctl::assign::{self, Scenario, ScenarioMember, Strategy};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

const IDS: &[&str] = &["consumer", "c", "app-", "member-", "rdkafka-", "Ω-", "x"];

fn random_scenario(r: &mut Rng) -> Scenario {
    let nt = 1 + r.below(5) as usize;
    let topics: Vec<(String, i32)> = (0..nt)
        .map(|i| {
            (
                format!(
                    "{}{}",
                    ["t", "topic", "orders-", "T"][r.below(4) as usize],
                    i
                ),
                r.below(9) as i32,
            )
        })
        .collect();
    let racks = ["a", "b", "c"];
    let with_racks = r.chance(40);
    let partition_racks = with_racks.then(|| {
        topics
            .iter()
            .map(|(t, n)| {
                let per = (0..*n)
                    .map(|_| {
                        let k = r.below(3) as usize;
                        let mut rs: Vec<String> = racks
                            .iter()
                            .filter(|_| r.chance(50))
                            .take(k.max(1))
                            .map(|s| s.to_string())
                            .collect();
                        rs.dedup();
                        rs
                    })
                    .collect();
                (t.clone(), per)
            })
            .collect()
    });
    let nm = 1 + r.below(7) as usize;
    let uniform = r.chance(50);
    let prefix = IDS[r.below(IDS.len() as u64) as usize];
    let base_gen = r.below(4) as i32;
    let members = (0..nm)
        .map(|i| {
            let mut subscription: Vec<String> = topics
                .iter()
                .filter(|_| uniform || r.chance(60))
                .map(|(t, _)| t.clone())
                .collect();
            if subscription.is_empty() {
                subscription.push(topics[0].0.clone());
            }
            let owned: Vec<(String, i32)> = topics
                .iter()
                .flat_map(|(t, n)| (0..*n).map(move |p| (t.clone(), p)))
                .filter(|_| r.chance(25))
                .collect();
            ScenarioMember {
                id: format!("{prefix}{}", r.below(1000) * 10 + i as u64),
                subscription,
                group_instance_id: r.chance(20).then(|| format!("inst-{}", r.below(50))),
                rack: (with_racks && r.chance(70)).then(|| racks[r.below(3) as usize].to_string()),
                owned,
                generation: if r.chance(20) {
                    None
                } else {
                    Some(base_gen + r.below(2) as i32)
                },
            }
        })
        .collect();
    Scenario {
        topics,
        members,
        partition_racks,
        prefer_rack_aware_logic: r.chance(20),
    }
}

fn encode(s: &Scenario, strategy: Strategy) -> String {
    let mut out = format!(
        "S {} {}\n",
        strategy.name(),
        u8::from(s.prefer_rack_aware_logic)
    );
    for (t, n) in &s.topics {
        let racks = s
            .partition_racks
            .as_ref()
            .and_then(|r| r.get(t))
            .map(|per| {
                per.iter()
                    .map(|rs| rs.join("|"))
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .unwrap_or_default();
        out += &format!("T {t} {n} {racks}\n");
    }
    for m in &s.members {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
        let list = |l: Vec<String>| {
            if l.is_empty() {
                "-".to_string()
            } else {
                l.join(",")
            }
        };
        out += &format!(
            "M {} {} {} {} {} {}\n",
            m.id,
            opt(&m.group_instance_id),
            opt(&m.rack),
            m.generation
                .map(|g| g.to_string())
                .unwrap_or_else(|| "-".into()),
            list(m.subscription.clone()),
            list(m.owned.iter().map(|(t, p)| format!("{t}:{p}")).collect())
        );
    }
    out + "E\n"
}

#[test]
#[ignore = "needs GROUPCTL_JAVA_ASSIGNOR (Kafka's Java assignors)"]
fn matches_kafka_java_assignors_on_random_scenarios() {
    let cmd = std::env::var("GROUPCTL_JAVA_ASSIGNOR").expect("set GROUPCTL_JAVA_ASSIGNOR");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let runs: u64 = std::env::var("GROUPCTL_CROSSCHECK_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed = std::env::var("GROUPCTL_CROSSCHECK_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    let mut rng = Rng(seed | 1);
    let mut failures = Vec::new();
    let (mut compared, mut java_errors) = (0, 0);
    for i in 0..runs {
        let s = random_scenario(&mut rng);
        if s.validate().is_err() {
            continue;
        }
        for strategy in [
            Strategy::Range,
            Strategy::Roundrobin,
            Strategy::Sticky,
            Strategy::CooperativeSticky,
        ] {
            stdin.write_all(encode(&s, strategy).as_bytes()).unwrap();
            stdin.flush().unwrap();
            let mut java: BTreeMap<String, String> = BTreeMap::new();
            let mut error = None;
            for l in lines.by_ref() {
                let l = l.unwrap();
                if l == "END" {
                    break;
                }
                if let Some(e) = l.strip_prefix("ERROR ") {
                    error = Some(e.to_string());
                    continue;
                }
                let (m, tps) = l.split_once(' ').unwrap();
                java.insert(m.to_string(), tps.to_string());
            }
            let ours = assign::assign_once(&s, strategy);
            if let Some(e) = error {
                java_errors += 1;
                if !matches!(ours, Err(assign::AssignError::KafkaFails(_))) {
                    failures.push(format!(
                        "run {i} {}: Java threw {e}, ours did not fail\n{}",
                        strategy.name(),
                        encode(&s, strategy)
                    ));
                }
                continue;
            }
            let ours = match ours {
                Ok(o) => o,
                Err(e) => {
                    failures.push(format!(
                        "run {i} {}: ours failed ({e}), Java did not\n{}",
                        strategy.name(),
                        encode(&s, strategy)
                    ));
                    continue;
                }
            };
            let ours: BTreeMap<String, String> = ours
                .assignment
                .into_iter()
                .map(|(m, l)| {
                    (
                        m,
                        l.iter()
                            .map(|(t, p)| format!("{t}:{p}"))
                            .collect::<Vec<_>>()
                            .join(","),
                    )
                })
                .collect();
            compared += 1;
            if ours != java {
                failures.push(format!(
                    "run {i} {}:\n{}java: {java:?}\nours: {ours:?}",
                    strategy.name(),
                    encode(&s, strategy)
                ));
            }
        }
    }
    drop(stdin);
    let _ = child.wait();
    eprintln!("compared {compared} assignments and {java_errors} scenarios where both fail");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ; first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
