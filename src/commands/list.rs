//! `groupctl list`: ListGroups on every broker, merged.

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
    let failed: Vec<_> = list
        .failed_brokers
        .iter()
        .map(|(id, e)| json!({"broker": id, "error": e.to_string()}))
        .collect();
    if ctx.printer.json {
        ctx.printer
            .json(&json!({"groups": list.groups, "failed_brokers": failed}))?;
    } else if list.groups.is_empty() {
        ctx.printer.note("no groups found");
    } else {
        ctx.printer.out(&output::groups::list(&list.groups));
    }
    for (id, e) in &list.failed_brokers {
        ctx.printer.warn(format!(
            "broker {id} did not answer ListGroups, its groups are missing: {e}"
        ));
    }
    Ok(if list.failed_brokers.is_empty() {
        Code::Ok
    } else {
        Code::Data
    })
}
