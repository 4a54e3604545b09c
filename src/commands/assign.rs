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
    let (before, group_strategy) = match (&args.input, &args.from_group) {
        (Some(path), _) => (read_scenario(path)?, None),
        (None, Some(group)) => scenario_from_group(ctx, group)?,
        (None, None) => return Err(exit::usage("give --input FILE or --from-group GROUP")),
    };
    let edited = if args.remove_member.is_empty()
        && args.add_member.is_empty()
        && args.partitions.is_empty()
    {
        None // no copy of a million owned partitions when nothing changes
    } else {
        let mut s = before.clone();
        let edit = |r: Result<(), assign::ScenarioError>| r.map_err(|e| exit::usage(e.to_string()));
        for id in &args.remove_member {
            edit(s.remove_member(id))?;
        }
        for spec in &args.add_member {
            edit(s.add_member(spec))?;
        }
        for spec in &args.partitions {
            edit(s.set_partitions(spec))?;
        }
        Some(s)
    };
    let scenario = edited.as_ref().unwrap_or(&before);
    if args.dump_scenario {
        for w in assign::unknown_topic_warnings(scenario) {
            ctx.printer.warn(w);
        }
        ctx.printer.json(scenario)?;
        return Ok(Code::Ok);
    }
    let strategy = match (args.strategy, group_strategy) {
        (Some(s), _) => from_cli(s),
        (None, Some(s)) => s?,
        (None, None) => Strategy::Range,
    };
    let progress = ctx
        .printer
        .spinner(&format!("computing {} assignment", strategy.name()));
    let outcome = assign::what_if(&before, scenario, strategy);
    progress.finish_and_clear();
    let outcome = outcome.map_err(|e| match e {
        AssignError::Scenario(e) => exit::usage(e.to_string()),
        // Kafka's own assignor throws here: the real rebalance fails on this data.
        AssignError::KafkaFails(msg) => exit::data(msg),
        AssignError::Internal(msg) => anyhow::anyhow!(msg),
    })?;
    for w in &outcome.warnings {
        ctx.printer.warn(w);
    }
    if ctx.printer.json {
        ctx.printer.out(&output::assign::json(&outcome));
    } else {
        let old: BTreeSet<&str> = before.members.iter().map(|m| m.id.as_str()).collect();
        let new_members: BTreeSet<String> = scenario
            .members
            .iter()
            .map(|m| m.id.clone())
            .filter(|m| !old.contains(m.as_str()))
            .collect();
        ctx.printer.out(&output::assign::render(
            &before,
            scenario,
            &outcome,
            &new_members,
        ));
    }
    // The answer shown is the first rebalance's only: exit 4 (partial result).
    Ok(if outcome.settled() {
        Code::Ok
    } else {
        Code::Data
    })
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

/// The assignor a live group uses, or why groupctl cannot tell (then `--strategy` is needed).
type GroupStrategy = Option<anyhow::Result<Strategy>>;

/// The scenario a live group's next rebalance would see: members with their
/// subscriptions (topics that no longer exist included, as Kafka sees them),
/// their current assignment as owned partitions, all in the group's current
/// generation (the one their assignment came from), partition counts and
/// replica racks from metadata.
fn scenario_from_group(ctx: &Context, group: &str) -> anyhow::Result<(Scenario, GroupStrategy)> {
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
            "the broker sent no member metadata for {group}: assuming every member subscribes to the topics it has committed offsets for ({}) and owns what the broker says it is assigned",
            topics.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
        subscriptions = vec![topics.into_iter().collect(); desc.members.len()];
    }
    let mut topics: Vec<String> = subscriptions
        .iter()
        .flatten()
        .cloned()
        .chain(
            desc.members
                .iter()
                .flat_map(|m| m.assignment.iter().map(|tp| tp.topic.clone())),
        )
        .collect();
    topics.sort();
    topics.dedup();
    let known = session.block_on(admin::topic_partitions(client, &topics))?;
    // Topics that no longer exist stay out of "topics" but in the subscriptions:
    // Kafka assigns nothing for them, and the assignment warns about them.
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
    let racks = session.block_on(admin::partition_racks(
        client,
        &existing.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(),
    ))?;
    // Members report the generation of their last join; the assignment they hold
    // now is from the rebalance after it, and they rejoin with that generation.
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
        .map(|(m, subscription)| ScenarioMember {
            id: m.member_id.clone(),
            subscription,
            group_instance_id: m.group_instance_id.clone(),
            // librdkafka sends an empty rack when none is set: no rack, as Kafka reads it.
            rack: m.rack.clone().filter(|r| !r.is_empty()),
            owned: m
                .assignment
                .iter()
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
    let strategy = if desc.group_type == crate::model::GroupType::Consumer {
        // KIP-848 groups are assigned by the broker (uniform/range server assignors), not by these client assignors.
        ctx.printer.warn(format!(
            "{group} is a KIP-848 consumer group assigned by the broker's {:?} assignor; groupctl computes the client-side assignors",
            desc.assignor
        ));
        Err(exit::usage(format!(
            "{group} is assigned by the broker: pick the client assignor to compare with, --strategy {}",
            Strategy::NAMES.replace(", ", "|")
        )))
    } else if desc.assignor.is_empty() {
        Err(exit::usage(format!(
            "the broker does not say which assignor {group} uses: pick one with --strategy {}",
            Strategy::NAMES.replace(", ", "|")
        )))
    } else {
        Strategy::from_protocol(&desc.assignor).ok_or_else(|| {
            exit::usage(format!(
                "{group} uses the assignor {:?}, which groupctl does not implement: pick one of {} with --strategy",
                desc.assignor,
                Strategy::NAMES
            ))
        })
    };
    Ok((scenario, Some(strategy)))
}
