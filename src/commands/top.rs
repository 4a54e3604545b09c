//! `groupctl top`: every group live, sorted by time lag then lag (the loop
//! is `commands::watch`, shared with `describe --watch`).

use super::watch::{self, Plan, Target};
use super::Context;
use crate::cli::TopArgs;
use crate::exit::Code;
use crate::output::watch::Layout;

pub fn run(ctx: &Context, args: TopArgs) -> anyhow::Result<Code> {
    let plan = Plan {
        title: "top".into(),
        target: Target::All,
        layout: Layout::Groups,
        interval: args.interval,
        count: args.live.count,
        window: watch::window(args.interval, &args.live)?,
        thresholds: watch::thresholds(&args.alerts),
    };
    watch::run(ctx, plan)
}
