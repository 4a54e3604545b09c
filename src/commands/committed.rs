//! Reading committed offsets so that every broker answers fully: named
//! partitions when the command knows them; for "every partition the group
//! committed", the all-topics OffsetFetch, asked again naming every
//! partition of the cluster when it comes back empty (Chronik 2.10 answers
//! the all-topics form with nothing). Groups a batched answer leaves out
//! (Chronik 2.10 answers a multi-group OffsetFetch for its first group only)
//! are asked for one by one.

use super::session::Session;
use super::Context;
use crate::admin::{self, Admin, AdminError, GroupOffsets};
use crate::model::TopicPartition;
use futures::future::join_all;
use std::collections::BTreeMap;

/// Committed offsets by group, or why they could not be read: one entry per group.
pub type Fetched = BTreeMap<String, Result<GroupOffsets, AdminError>>;

/// Every group's committed offsets (on `only`, else on every partition), or
/// why they could not be read: one entry per group.
pub fn fetch(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    only: Option<&[TopicPartition]>,
) -> Fetched {
    session.block_on(fetch_with(&session.admin, groups, only, |m| {
        ctx.printer.info(m)
    }))
}

/// `fetch` for commands that overlap it with other requests; `note` is told
/// when the all-topics answer is asked again. The extra requests go out only
/// when an answer needs them (a group left out, an empty all-topics answer).
pub async fn fetch_with(
    admin: &Admin,
    groups: &[String],
    only: Option<&[TopicPartition]>,
    note: impl Fn(String),
) -> Fetched {
    let mut fetched = ask(admin, groups, only).await;
    if only.is_some() {
        return fetched;
    }
    let empty: Vec<String> = fetched
        .iter()
        .filter(|(_, r)| r.as_ref().is_ok_and(|o| o.is_empty()))
        .map(|(g, _)| g.clone())
        .collect();
    if empty.is_empty() {
        return fetched;
    }
    let Ok(every) = admin::all_partitions(admin).await else {
        return fetched;
    };
    if every.is_empty() {
        return fetched;
    }
    note(format!(
        "groupctl: no committed offsets in the all-topics answer for {}; asking again for all {} partitions by name",
        empty.join(", "),
        every.len()
    ));
    for (g, r) in ask(admin, &empty, Some(&every)).await {
        if r.as_ref().is_ok_and(|o| !o.is_empty()) {
            fetched.insert(g, r);
        }
    }
    fetched
}

/// One group's committed offsets by the rule above.
pub fn fetch_one(
    ctx: &Context,
    session: &Session,
    group: &str,
    only: Option<&[TopicPartition]>,
) -> Result<GroupOffsets, AdminError> {
    fetch(ctx, session, &[group.to_string()], only)
        .remove(group)
        .unwrap_or_else(|| Err(AdminError::no_coordinator(group)))
}

/// One batched OffsetFetch per coordinator; groups the answer leaves out are
/// asked for alone (concurrently); a group still unanswered is an error.
async fn ask(admin: &Admin, groups: &[String], only: Option<&[TopicPartition]>) -> Fetched {
    let mut fetched = admin::fetch_offsets(admin, groups, only).await;
    let left_out: Vec<&String> = groups
        .iter()
        .filter(|g| !fetched.contains_key(*g))
        .collect();
    if groups.len() > 1 && !left_out.is_empty() {
        let alone = left_out
            .iter()
            .map(|g| admin::fetch_offsets(admin, std::slice::from_ref(*g), only));
        for answer in join_all(alone).await {
            fetched.extend(answer);
        }
    }
    for g in groups {
        fetched
            .entry(g.clone())
            .or_insert_with(|| Err(AdminError::no_coordinator(g)));
    }
    fetched
}
