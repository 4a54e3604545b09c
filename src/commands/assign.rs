//! `groupctl assign`: compute an assignment offline from a scenario file or
//! a live group, after optional what-if edits.

use super::Context;
use crate::admin;
use crate::assign::{self, AssignError, Scenario, ScenarioMember, Strategy};
use crate::cli::{self, AssignArgs};
use crate::exit::{self, Code};
use crate::model::TopicPartition;
use crate::output;
use std::collections::BTreeSet;
use std::io::Read;

pub fn run(ctx: &Context, args: AssignArgs) -> anyhow::Result<Code> {
    let (mut scenario, group_strategy) = match (&args.input, &args.from_group) {
        (Some(path), _) => (read_scenario(path)?, None),
        (None, Some(group)) => scenario_from_group(ctx, group)?,
        (None, None) => return Err(exit::usage("give --input FILE or --from-group GROUP")),
    };
    let before: BTreeSet<String> = scenario.members.iter().map(|m| m.id.clone()).collect();
    let edit = |r: Result<(), assign::ScenarioError>| r.map_err(|e| exit::usage(e.to_string()));
    for id in &args.remove_member {
        edit(scenario.remove_member(id))?;
    }
    for spec in &args.add_member {
        edit(scenario.add_member(spec))?;
    }
    for spec in &args.partitions {
        edit(scenario.set_partitions(spec))?;
    }
    if args.dump_scenario {
        ctx.printer.json(&scenario)?;
        return Ok(Code::Ok);
    }
    let strategy = match (args.strategy, group_strategy) {
        (Some(s), _) => from_cli(s),
        (None, Some(s)) => s,
        (None, None) => Strategy::Range,
    };
    let progress = ctx
        .printer
        .spinner(&format!("computing {} assignment", strategy.name()));
    let outcome = assign::plan(&scenario, strategy);
    progress.finish_and_clear();
    let outcome = outcome.map_err(|e| match e {
        AssignError::Scenario(e) => exit::usage(e.to_string()),
        other => anyhow::anyhow!(other.to_string()),
    })?;
    if ctx.printer.json {
        ctx.printer.json(&outcome)?;
    } else {
        let new_members: BTreeSet<String> = scenario
            .members
            .iter()
            .map(|m| m.id.clone())
            .filter(|m| !before.contains(m))
            .collect();
        ctx.printer
            .out(&output::assign::render(&scenario, &outcome, &new_members));
    }
    Ok(Code::Ok)
}

fn from_cli(s: cli::Strategy) -> Strategy {
    match s {
        cli::Strategy::Range => Strategy::Range,
        cli::Strategy::Roundrobin => Strategy::Roundrobin,
        cli::Strategy::Sticky => Strategy::Sticky,
        cli::Strategy::CooperativeSticky => Strategy::CooperativeSticky,
    }
}

fn read_scenario(path: &std::path::Path) -> anyhow::Result<Scenario> {
    let (name, text) = if path.as_os_str() == "-" {
        let mut t = String::new();
        std::io::stdin()
            .read_to_string(&mut t)
            .map_err(|e| exit::usage(format!("cannot read stdin: {e}")))?;
        ("<stdin>".to_string(), t)
    } else {
        let t = std::fs::read_to_string(path)
            .map_err(|e| exit::usage(format!("cannot read {}: {e}", path.display())))?;
        (path.display().to_string(), t)
    };
    Scenario::from_json(&name, &text).map_err(|e| exit::usage(e.to_string()))
}

/// The scenario a live group's next rebalance would see: members with their
/// subscriptions, current assignment as owned partitions (all in the same,
/// next generation), partition counts and replica racks from metadata.
fn scenario_from_group(ctx: &Context, group: &str) -> anyhow::Result<(Scenario, Option<Strategy>)> {
    let session = ctx.session()?;
    let client = &session.admin;
    let groups = [group.to_string()];
    let desc = session
        .block_on(admin::describe_groups(client, &groups))
        .remove(group)
        .unwrap_or_else(|| Err(admin::AdminError::group_not_found(group)))?;
    if desc.members.is_empty() {
        anyhow::bail!(
            "group {group} has no active members to assign to (state {})",
            desc.state
        );
    }
    if desc.protocol_type != "consumer" && !desc.protocol_type.is_empty() {
        anyhow::bail!(
            "group {group} uses protocol type {:?}, not the consumer protocol",
            desc.protocol_type
        );
    }
    let mut subscriptions: Vec<Vec<String>> = desc
        .members
        .iter()
        .map(|m| m.subscription.clone())
        .collect();
    if subscriptions.iter().all(Vec::is_empty) {
        // Some brokers (e.g. Tansu) send no member metadata: infer from the committed offsets.
        let committed = session
            .block_on(admin::fetch_offsets(client, &groups, None))
            .remove(group)
            .transpose()?
            .unwrap_or_default();
        let topics: BTreeSet<String> = committed.keys().map(|tp| tp.topic.clone()).collect();
        if topics.is_empty() {
            anyhow::bail!("the broker sent no member subscriptions for {group} and it has no committed offsets to infer them from");
        }
        ctx.printer.warn(format!(
            "the broker sent no member metadata for {group}: assuming every member subscribes to the topics it has committed offsets for ({}), and owns nothing",
            topics.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
        subscriptions = vec![topics.into_iter().collect(); desc.members.len()];
    }
    let mut topics: Vec<String> = subscriptions
        .iter()
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for m in &desc.members {
        topics.extend(m.assignment.iter().map(|tp| tp.topic.clone()));
    }
    topics.sort();
    topics.dedup();
    let known = session.block_on(admin::topic_partitions(client, &topics))?;
    let missing: Vec<&String> = topics
        .iter()
        .filter(|t| known.get(*t).is_none_or(|x| x.is_none()))
        .collect();
    if !missing.is_empty() {
        ctx.printer.warn(format!(
            "topics in the group's subscriptions that do not exist are left out (Kafka ignores them): {}",
            missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    let existing: Vec<(String, i32)> = topics
        .iter()
        .filter_map(|t| {
            known
                .get(t)
                .cloned()
                .flatten()
                .map(|ps: Vec<TopicPartition>| (t.clone(), ps.len() as i32))
        })
        .collect();
    let exists = |t: &str| existing.iter().any(|(x, _)| x == t);
    let racks = session.block_on(admin::partition_racks(
        client,
        &existing.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(),
    ))?;
    // Everyone rejoins with what it has now, in the same (next) generation.
    let generation = desc
        .members
        .iter()
        .filter_map(|m| m.generation)
        .max()
        .unwrap_or(0)
        + 1;
    let members = desc
        .members
        .iter()
        .zip(subscriptions)
        .map(|(m, subs)| ScenarioMember {
            id: m.member_id.clone(),
            subscription: subs.into_iter().filter(|t| exists(t)).collect(),
            group_instance_id: m.group_instance_id.clone(),
            rack: m.rack.clone(),
            owned: m
                .assignment
                .iter()
                .filter(|tp| exists(&tp.topic))
                .map(|tp| (tp.topic.clone(), tp.partition))
                .collect(),
            generation: Some(generation),
        })
        .collect();
    session.report(ctx);
    let scenario = Scenario {
        topics: existing,
        members,
        partition_racks: racks,
        prefer_rack_aware_logic: false,
    };
    scenario
        .validate()
        .map_err(|e| anyhow::anyhow!("the live group does not form a valid scenario: {e}"))?;
    if desc.group_type == crate::model::GroupType::Consumer {
        // KIP-848 groups are assigned by the broker (uniform/range server assignors), not by these client assignors.
        ctx.printer.warn(format!(
            "{group} is a KIP-848 consumer group assigned by the broker's {:?} assignor; groupctl computes the client-side assignors (pick one with --strategy)",
            desc.assignor
        ));
        return Ok((scenario, None));
    }
    Ok((scenario, Strategy::from_protocol(&desc.assignor)))
}
