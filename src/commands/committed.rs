//! Reading committed offsets so that every broker answers fully: named
//! partitions when the command knows them; for "every partition the group
//! committed", the all-topics OffsetFetch, asked again naming every
//! partition of the cluster when it comes back empty (Chronik 2.10 answers
//! the all-topics form with nothing).

use super::session::Session;
use super::Context;
use crate::admin::{self, AdminError, GroupOffsets};
use crate::model::TopicPartition;
use std::collections::BTreeMap;

pub fn fetch(
    ctx: &Context,
    session: &Session,
    groups: &[String],
    only: Option<&[TopicPartition]>,
) -> BTreeMap<String, Result<GroupOffsets, AdminError>> {
    let admin = &session.admin;
    let mut fetched = session.block_on(admin::fetch_offsets(admin, groups, only));
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
    let Ok(every) = session.block_on(admin::all_partitions(admin)) else {
        return fetched;
    };
    if every.is_empty() {
        return fetched;
    }
    ctx.printer.info(format!(
        "groupctl: no committed offsets in the all-topics answer for {}; asking again for all {} partitions by name",
        empty.join(", "),
        every.len()
    ));
    for (g, r) in session.block_on(admin::fetch_offsets(admin, &empty, Some(&every))) {
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
