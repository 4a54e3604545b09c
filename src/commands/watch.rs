//! The live view loop of `describe --watch` and `top`: one sample per
//! interval (describe's gathering with time lag, plus ListGroups for `top`),
//! judged over a sliding window by `model::watch`, drawn in place on a
//! terminal or written as JSON lines. A refresh costs a few requests per
//! broker however many groups there are, and has the whole `--timeout`.

use super::gather::{fill_time_lag, gather};
use super::partial::{Failure, Tally};
use super::session::Session;
use super::Context;
use crate::admin::{Admin, AdminError};
use crate::cli::{AlertArgs, DescribeArgs, DescribeView, LiveArgs, StatusArg};
use crate::exit::{self, Code};
use crate::model::watch::{top_order, Event, GroupView, History, Sample, Status, Thresholds};
use crate::model::GroupReport;
use crate::output::watch::{frame, sample_json, Heading, Layout, Screen};
use futures::StreamExt;
use std::time::{Duration, Instant};

/// Which groups a live view samples.
pub enum Target {
    Named(Vec<String>),
    /// Every group ListGroups finds, at each refresh.
    All,
}

pub struct Plan {
    /// `describe orders --watch`, `top`: the frame's title.
    pub title: String,
    pub target: Target,
    pub layout: Layout,
    pub interval: Duration,
    pub count: Option<u64>,
    pub window: Duration,
    pub thresholds: Thresholds,
}

/// Samples in the default window.
const WINDOW_INTERVALS: u32 = 12;

/// The window: as asked (at least one interval), else 12 intervals.
pub fn window(interval: Duration, live: &LiveArgs) -> anyhow::Result<Duration> {
    match live.window {
        Some(w) if w < interval => Err(exit::usage(format!(
            "--window {} is shorter than the interval {}",
            humantime::format_duration(w),
            humantime::format_duration(interval)
        ))),
        Some(w) => Ok(w),
        None => Ok(interval * WINDOW_INTERVALS),
    }
}

pub fn thresholds(alerts: &AlertArgs) -> Thresholds {
    Thresholds {
        fail_on: alerts
            .fail_on
            .iter()
            .map(|s| match s {
                StatusArg::Ok => Status::Ok,
                StatusArg::Lagging => Status::Lagging,
                StatusArg::Stalled => Status::Stalled,
                StatusArg::Stopped => Status::Stopped,
                StatusArg::Rewound => Status::Rewound,
                StatusArg::Rebalancing => Status::Rebalancing,
            })
            .collect(),
        max_time_lag_ms: alerts.max_time_lag.map(|d| d.as_millis() as i64),
    }
}

/// `--watch`: the live view's plan; `--count`, `--window` and the alerts
/// are checked against the other flags here.
pub fn describe_plan(args: &DescribeArgs, view: DescribeView) -> anyhow::Result<Option<Plan>> {
    let alerts = !args.alerts.fail_on.is_empty() || args.alerts.max_time_lag.is_some();
    if alerts && view != DescribeView::Offsets {
        return Err(exit::usage(
            "--fail-on and --max-time-lag judge lag: not with --members or --state",
        ));
    }
    let Some(interval) = args.watch else {
        if args.live.count.is_some() || args.live.window.is_some() {
            return Err(exit::usage("--count and --window go with --watch"));
        }
        return Ok(None);
    };
    let mut title = String::from("describe");
    if args.all_groups {
        title.push_str(" --all-groups");
    }
    for g in &args.groups {
        title.push(' ');
        title.push_str(g);
    }
    title.push_str(" --watch");
    let target = if args.all_groups {
        Target::All
    } else {
        Target::Named(args.groups.clone())
    };
    Ok(Some(Plan {
        title,
        target,
        layout: Layout::Partitions,
        interval,
        count: args.live.count,
        window: window(interval, &args.live)?,
        thresholds: thresholds(&args.alerts),
    }))
}

/// `describe` without `--watch`: the thresholds judged on its one sample
/// (OK, STOPPED and REBALANCING can be told from one; the others need more).
pub fn breach_once(thresholds: &Thresholds, reports: &[GroupReport]) -> Option<anyhow::Error> {
    if !thresholds.is_set() {
        return None;
    }
    let now = chrono::Utc::now().timestamp_millis();
    let mut history = History::new(1);
    history.push(Sample::from_reports(0, now, reports));
    breach(thresholds, &history.view())
}

fn breach(thresholds: &Thresholds, groups: &[GroupView]) -> Option<anyhow::Error> {
    let found = thresholds.breaches(groups);
    (!found.is_empty()).then(|| exit::breached(format!("threshold breached: {}", found.join("; "))))
}

/// One refresh: the groups, described with lag and time lag.
struct Gathered {
    reports: Vec<GroupReport>,
    /// What could not be sampled: (the group, if it is one; the whole reason).
    failed: Vec<(Option<String>, String)>,
}

async fn gather_sample(admin: &Admin, target: &Target) -> Result<Gathered, AdminError> {
    admin.restart_deadline();
    let (groups, named) = match target {
        Target::Named(groups) => (Some(groups.as_slice()), true),
        Target::All => (None, false),
    };
    // Extra OffsetFetch rounds go unsaid: a line on stderr would tear the screen.
    let found = gather(admin, groups, named, DescribeView::Offsets, |_| {}).await?;
    let mut failed: Vec<(Option<String>, String)> = found
        .missing
        .iter()
        .map(|(id, e)| {
            let why = format!("broker {id} did not answer ListGroups, its groups are missing: {e}");
            (None, why)
        })
        .collect();
    let mut reports = Vec::new();
    for r in found.reports {
        let g = &r.description.group;
        if let Some(e) = &r.error {
            let why = if e.contains(g.as_str()) {
                e.clone()
            } else {
                format!("group {g}: {e}")
            };
            failed.push((Some(g.clone()), why));
        }
        // A group without offsets has nothing to sample; one whose state is
        // unknown still has its lag.
        if r.partitions.is_some() {
            reports.push(r);
        }
    }
    fill_time_lag(admin, &mut reports).await;
    Ok(Gathered { reports, failed })
}

/// What ends a wait: the user, or the terminal changing size.
enum Control {
    Quit,
    Redraw,
}

/// Keys (on the screen), Ctrl-C and SIGTERM, as one stream of controls.
/// The live view answers a signal itself (restoring the screen), so it holds
/// an `interrupt::guard` while it runs.
struct Controls {
    keys: Option<crossterm::event::EventStream>,
    _signals: crate::interrupt::Guard,
}

impl Controls {
    fn new(screen: bool) -> Controls {
        Controls {
            keys: screen.then(crossterm::event::EventStream::new),
            _signals: crate::interrupt::guard(),
        }
    }

    async fn next(&mut self) -> Control {
        use crossterm::event::{Event as Term, KeyCode, KeyEventKind, KeyModifiers};
        let keys = async {
            let Some(keys) = self.keys.as_mut() else {
                return std::future::pending().await;
            };
            loop {
                match keys.next().await {
                    Some(Ok(Term::Key(k))) if k.kind == KeyEventKind::Press => {
                        let ctrl_c = k.code == KeyCode::Char('c')
                            && k.modifiers.contains(KeyModifiers::CONTROL);
                        if ctrl_c || matches!(k.code, KeyCode::Char('q' | 'Q') | KeyCode::Esc) {
                            return Control::Quit;
                        }
                    }
                    Some(Ok(Term::Resize(..))) => return Control::Redraw,
                    Some(Ok(_)) => {}
                    // The terminal went away: nothing left to watch on.
                    Some(Err(_)) | None => return Control::Quit,
                }
            }
        };
        let signals = crate::interrupt::interrupted();
        tokio::select! {
            c = keys => c,
            _ = signals => Control::Quit,
        }
    }
}

/// The last sample as shown, to draw again on a resize.
struct Shown {
    view: Vec<GroupView>,
    errors: Vec<String>,
    sample: u64,
    wall_ms: i64,
}

struct Live<'a> {
    ctx: &'a Context,
    plan: &'a Plan,
    screen: Option<&'a Screen>,
    history: History,
    shown: Shown,
}

impl Live<'_> {
    fn outcome(self) -> (Vec<String>, usize) {
        (self.shown.errors, self.shown.view.len())
    }

    fn heading(&self) -> Heading<'_> {
        Heading {
            title: &self.plan.title,
            interval_ms: self.plan.interval.as_millis() as i64,
            window_ms: self.plan.window.as_millis() as i64,
            sample: self.shown.sample,
            wall_ms: self.shown.wall_ms,
        }
    }

    fn draw(&self) -> anyhow::Result<()> {
        let Some(screen) = self.screen else {
            return Ok(());
        };
        let events: Vec<&Event> = self.history.events().collect();
        let lines = frame(
            &self.heading(),
            self.plan.layout,
            &self.shown.view,
            &events,
            &self.shown.errors,
            screen.size(),
        );
        screen.draw(&lines)?;
        Ok(())
    }

    /// Take in one refresh and show it; Some(error) when a threshold is breached.
    fn show(
        &mut self,
        sample: u64,
        t_ms: i64,
        gathered: Result<Gathered, AdminError>,
    ) -> anyhow::Result<Option<anyhow::Error>> {
        let wall_ms = chrono::Utc::now().timestamp_millis();
        let (new_events, failed) = match gathered {
            Ok(g) => {
                let events = self
                    .history
                    .push(Sample::from_reports(t_ms, wall_ms, &g.reports));
                (events, g.failed)
            }
            // Nothing sampled this time: the last sample stays, the error is shown.
            Err(e) => (Vec::new(), vec![(None, format!("refresh failed: {e}"))]),
        };
        let mut view = self.history.view();
        if self.plan.layout == Layout::Groups {
            top_order(&mut view);
        }
        self.shown = Shown {
            view,
            errors: failed.iter().map(|(_, why)| why.clone()).collect(),
            sample,
            wall_ms,
        };
        if self.screen.is_some() {
            self.draw()?;
        } else {
            let line = sample_json(&self.heading(), &self.shown.view, &new_events, &failed);
            let mut out = self.ctx.printer.lines();
            out.line(&serde_json::to_string(&line)?)?;
            out.finish()?;
        }
        Ok(breach(&self.plan.thresholds, &self.shown.view))
    }
}

pub fn run(ctx: &Context, plan: Plan) -> anyhow::Result<Code> {
    let session = ctx.session()?;
    let screen = Screen::open(&ctx.printer)?;
    let outcome = session.block_on(run_loop(ctx, &session, &plan, screen.as_ref()));
    // The terminal is restored before any error line is printed.
    drop(screen);
    session.report(ctx);
    let (errors, sampled) = outcome?;
    let tally = Tally {
        done: sampled,
        failed: errors.iter().map(|e| Failure::named(e.clone())).collect(),
    };
    tally.settle(&ctx.printer, None, |t| {
        format!(
            "{} item(s) could not be sampled in the last refresh",
            t.failed.len()
        )
    })
}

/// Sample until the count, a breach, or the user says stop; the failures of
/// the last sample and the number of groups it has, for the exit code.
async fn run_loop(
    ctx: &Context,
    session: &Session,
    plan: &Plan,
    screen: Option<&Screen>,
) -> anyhow::Result<(Vec<String>, usize)> {
    let admin = &session.admin;
    let started = Instant::now();
    let mut controls = Controls::new(screen.is_some());
    let mut live = Live {
        ctx,
        plan,
        screen,
        history: History::new(plan.window.as_millis() as i64),
        shown: Shown {
            view: Vec::new(),
            errors: Vec::new(),
            sample: 0,
            wall_ms: chrono::Utc::now().timestamp_millis(),
        },
    };
    let mut n = 0u64;
    loop {
        let due = tokio::time::Instant::now() + plan.interval;
        let refresh = gather_sample(admin, &plan.target);
        tokio::pin!(refresh);
        let gathered = loop {
            tokio::select! {
                g = &mut refresh => break g,
                c = controls.next() => match c {
                    Control::Quit => return Ok(live.outcome()),
                    Control::Redraw => live.draw()?,
                },
            }
        };
        n += 1;
        let t_ms = started.elapsed().as_millis() as i64;
        if let Some(breached) = live.show(n, t_ms, gathered)? {
            return Err(breached);
        }
        if plan.count.is_some_and(|c| n >= c) || ctx.printer.stdout_closed() {
            return Ok(live.outcome());
        }
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(due) => break,
                c = controls.next() => match c {
                    Control::Quit => return Ok(live.outcome()),
                    Control::Redraw => live.draw()?,
                },
            }
        }
    }
}
