//! Assignor benchmark on Kafka's own stress shapes (AbstractStickyAssignorTest
//! testLargeAssignmentAndGroupWith{Uniform,NonEqual}Subscription): 500 topics x
//! 2,000 partitions, 2,000 consumers; a fresh assignment, then a second call
//! with every consumer but the first owning what it got.
//!
//! `cargo bench --bench assign -- [CASE...]`, CASE one of
//! sticky-uniform, sticky-nonuniform, coop-uniform, range, roundrobin,
//! or `scenario OUT.json [uniform|nonuniform]` to write the scenario for peers.

use groupctl::assign::{self, Scenario, ScenarioMember, Strategy};
use std::time::Instant;

const TOPICS: usize = 500;
const PARTITIONS: i32 = 2000;
const CONSUMERS: usize = 2000;

fn pad(prefix: &str, i: usize, max: usize) -> String {
    format!("{prefix}{i:0width$}", width = max.to_string().len())
}

fn scenario(uniform: bool) -> Scenario {
    let topics: Vec<(String, i32)> = (0..TOPICS)
        .map(|i| (pad("t", i, TOPICS), PARTITIONS))
        .collect();
    let all: Vec<String> = topics.iter().map(|(t, _)| t.clone()).collect();
    let members = (0..CONSUMERS)
        .map(|i| ScenarioMember {
            id: pad("c", i, CONSUMERS),
            subscription: if !uniform && i == CONSUMERS - 1 {
                all[..1].to_vec()
            } else {
                all.clone()
            },
            group_instance_id: None,
            rack: None,
            owned: Vec::new(),
            generation: None,
        })
        .collect();
    Scenario {
        topics,
        members,
        partition_racks: None,
        prefer_rack_aware_logic: false,
    }
}

fn time(label: &str, s: &Scenario, strategy: Strategy) -> assign::MemberLists {
    let t = Instant::now();
    let r = assign::assign_once(s, strategy).expect("assignment");
    println!("{label:<40} {:>8.3} s", t.elapsed().as_secs_f64());
    r.assignment
}

fn two_calls(name: &str, uniform: bool, strategy: Strategy) {
    let mut s = scenario(uniform);
    let first = time(&format!("{name}: fresh"), &s, strategy);
    for (m, (_, l)) in s.members.iter_mut().zip(first).skip(1) {
        m.owned = l;
        m.generation = Some(1);
    }
    time(&format!("{name}: rebalance with owned"), &s, strategy);
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("scenario") {
        let s = scenario(args.get(2).map(String::as_str) != Some("nonuniform"));
        std::fs::write(&args[1], serde_json::to_string(&s).unwrap()).unwrap();
        return;
    }
    let cases: Vec<&str> = if args.is_empty() {
        vec![
            "sticky-uniform",
            "sticky-nonuniform",
            "coop-uniform",
            "range",
            "roundrobin",
        ]
    } else {
        args.iter().map(String::as_str).collect()
    };
    println!(
        "{TOPICS} topics x {PARTITIONS} partitions = {} partitions, {CONSUMERS} consumers",
        TOPICS * PARTITIONS as usize
    );
    for c in cases {
        match c {
            "sticky-uniform" => two_calls("sticky uniform", true, Strategy::Sticky),
            "sticky-nonuniform" => two_calls("sticky non-uniform", false, Strategy::Sticky),
            "coop-uniform" => two_calls(
                "cooperative-sticky uniform",
                true,
                Strategy::CooperativeSticky,
            ),
            "range" => {
                time("range uniform", &scenario(true), Strategy::Range);
            }
            "roundrobin" => {
                time("roundrobin uniform", &scenario(true), Strategy::Roundrobin);
            }
            other => panic!("unknown case {other}"),
        }
    }
}
