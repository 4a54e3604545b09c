//! `groupctl describe`: groups with per-partition lag and time lag, members,
//! or state; `--watch` hands over to the live view. What is known about the
//! groups, and in how many round trips, is `gather`'s.

use super::gather::{fill_time_lag, gather};
use super::partial::{Failure, Tally};
use super::{watch, Context};
use crate::admin::prepare;
use crate::cli::{DescribeArgs, DescribeView};
use crate::exit::{self, Code};
use crate::model::GroupReport;
use crate::output;
use serde_json::json;

pub fn run(ctx: &Context, args: DescribeArgs) -> anyhow::Result<Code> {
    let view = args.view.view();
    if let Some(plan) = watch::describe_plan(&args, view)? {
        return watch::run(ctx, plan);
    }
    let session = ctx.session()?;
    let admin = &session.admin;
    let note = |m: String| ctx.printer.info(m);
    let found = session.block_on(prepare::warming(admin, async {
        let progress = ctx.printer.spinner("describing groups");
        let groups = (!args.all_groups).then_some(args.groups.as_slice());
        let found = gather(admin, groups, !args.all_groups, view, note).await;
        let found = match found {
            Ok(mut found) => {
                fill_time_lag(admin, &mut found.reports).await;
                Ok(found)
            }
            e => e,
        };
        progress.finish_and_clear();
        found
    }))?;
    session.report(ctx);

    let mut failed: Vec<Failure> = found
        .missing
        .iter()
        .map(|(id, e)| super::partial::broker_missing(*id, e))
        .collect();
    failed.extend(found.failures.iter().cloned());
    if ctx.printer.json {
        let errors: Vec<_> = found
            .reports
            .iter()
            .filter_map(|r| Some(json!({"group": r.description.group, "error": r.error.as_ref()?})))
            .collect();
        let brokers: Vec<_> = found
            .missing
            .iter()
            .map(|(id, e)| json!({"broker": id, "error": e.to_string()}))
            .collect();
        ctx.printer.json(&json!({
            "groups": found.reports,
            "errors": errors,
            "failed_brokers": brokers,
        }))?;
    } else if found.shown > 0 {
        render(ctx, &found.reports, view);
    }
    let (groups, problems, missing) = (
        found.reports.len(),
        found.failures.len(),
        found.missing.len(),
    );
    let tally = Tally {
        done: found.shown,
        failed,
    };
    let breach = watch::breach_once(&watch::thresholds(&args.alerts), &found.reports);
    let settled = tally.settle(&ctx.printer, None, |_| {
        let mut parts = Vec::new();
        if problems > 0 {
            parts.push(format!(
                "{problems} of {groups} groups could not be fully described"
            ));
        }
        if missing > 0 {
            parts.push(format!(
                "{missing} broker(s) did not answer ListGroups, so groups may be missing"
            ));
        }
        parts.join("; ")
    });
    match (breach, settled) {
        (None, settled) => settled,
        // The breach is the news; a partial result stays a warning.
        (Some(breach), Err(partial)) if exit::code_of(&partial) == Code::Data => {
            ctx.printer.warn(partial.to_string());
            Err(breach)
        }
        (Some(breach), Ok(_)) => Err(breach),
        (Some(_), failed) => failed,
    }
}

fn render(ctx: &Context, reports: &[GroupReport], view: DescribeView) {
    // `-v` / `--verbose`: the columns kafka-consumer-groups.sh --verbose adds.
    let verbose = ctx.printer.verbose > 0;
    let text: Vec<String> = match view {
        DescribeView::State => vec![output::groups::states(reports, verbose)],
        DescribeView::Members => reports
            .iter()
            .map(|r| output::groups::members(r, verbose))
            .collect(),
        DescribeView::Offsets => reports
            .iter()
            .map(|r| output::groups::offsets(r, ctx.printer.color, verbose))
            .collect(),
    };
    ctx.printer.out(&text.join("\n"));
}
