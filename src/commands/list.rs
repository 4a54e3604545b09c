//! `groupctl list`: ListGroups on every broker, merged.

use super::partial::Tally;
use super::Context;
use crate::admin::{self, GroupFilter};
use crate::cli::ListArgs;
use crate::exit::Code;
use crate::model::{GroupState, GroupType};
use crate::output;
use serde_json::json;

pub fn run(ctx: &Context, args: ListArgs) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let filter = GroupFilter {
        states: args.state.iter().map(|s| GroupState::parse(s)).collect(),
        types: args
            .group_type
            .iter()
            .map(|t| GroupType::parse(t))
            .collect(),
    };
    let list = session.block_on(admin::list_groups(&session.admin, &filter))?;
    session.report(ctx);
    if !list.unknown_state.is_empty() {
        ctx.printer.warn(format!(
            "kept {} group(s) whose state no broker reports (shown as Unknown), so they may not be {}: {}",
            list.unknown_state.len(),
            args.state.join("/"),
            list.unknown_state.join(", ")
        ));
    }
    let answered = list.brokers.saturating_sub(list.failed_brokers.len());
    let failed: Vec<_> = list
        .failed_brokers
        .iter()
        .map(|(id, e)| json!({"broker": id, "error": e.to_string()}))
        .collect();
    if ctx.printer.json {
        // One document whatever failed: the failures are in it too.
        ctx.printer
            .json(&json!({"groups": list.groups, "failed_brokers": failed}))?;
    } else if answered == 0 && !failed.is_empty() {
        // No broker answered: nothing to show, the failures say it all.
    } else if list.groups.is_empty() {
        ctx.printer.note("no groups found");
    } else {
        ctx.printer.out(&output::groups::list(&list.groups));
    }
    let brokers = list.brokers;
    let tally = Tally {
        done: answered,
        failed: list
            .failed_brokers
            .iter()
            .map(|(id, e)| super::partial::broker_missing(*id, e))
            .collect(),
    };
    tally.settle(&ctx.printer, None, |t| {
        format!(
            "{} of {} brokers did not answer ListGroups, so groups may be missing",
            t.failed.len(),
            brokers
        )
    })
}
