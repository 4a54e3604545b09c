//! Whether groups a write is about to create exist (typo-proof writes):
//! listed by a broker, committed offsets, members.

use super::groups::{describe_groups, list_groups, GroupFilter, GroupList};
use super::{Admin, AdminError};
use std::collections::BTreeMap;

/// What the cluster shows of groups a write is about to create.
#[derive(Debug, Default)]
pub struct GroupPresence {
    /// The groups with no sign of existing: not listed by any broker, no
    /// committed offsets, no members.
    pub unknown: Vec<String>,
    /// Every group the brokers list (to suggest the name meant).
    pub listed: Vec<String>,
    /// Brokers that did not answer ListGroups (their groups are not in `listed`).
    pub unlisted_brokers: usize,
}

/// Which of `groups` the cluster does not know: not listed by any broker, no
/// committed offset on any partition, no members. A commit to such a group
/// creates it, which is usually a typo.
pub async fn group_presence(admin: &Admin, groups: &[String]) -> Result<GroupPresence, AdminError> {
    let list = list_groups(admin, &GroupFilter::default()).await?;
    let candidates = unlisted(&list, groups);
    let (offsets, described) = if candidates.is_empty() {
        Default::default()
    } else {
        futures::join!(
            super::fetch_offsets(admin, &candidates, None),
            describe_groups(admin, &candidates)
        )
    };
    let has_members = described
        .into_iter()
        .map(|(g, d)| (g, d.map(|d| !d.members.is_empty())))
        .collect();
    presence_from(&list, &candidates, &offsets, &has_members)
}

/// Of `groups`, those no broker lists (`group_presence` looks closer at them).
pub fn unlisted(list: &GroupList, groups: &[String]) -> Vec<String> {
    groups
        .iter()
        .filter(|g| !list.groups.iter().any(|l| &l.group == *g))
        .cloned()
        .collect()
}

/// `group_presence` from answers already read: the listing, and for the
/// `unlisted` groups their committed offsets on any partition (the
/// all-topics OffsetFetch) and whether they have members (DescribeGroups).
pub fn presence_from(
    list: &GroupList,
    unlisted: &[String],
    offsets: &BTreeMap<String, Result<super::GroupOffsets, AdminError>>,
    has_members: &BTreeMap<String, Result<bool, AdminError>>,
) -> Result<GroupPresence, AdminError> {
    let mut unknown = Vec::new();
    for g in unlisted {
        let has_offsets = match offsets.get(g) {
            Some(Ok(o)) => !o.is_empty(),
            Some(Err(e)) if e.code() == Some(super::ErrorCode::GroupIdNotFound) => false,
            Some(Err(e)) => return Err(e.clone()),
            None => false,
        };
        let has_members = match has_members.get(g) {
            Some(Ok(m)) => *m,
            Some(Err(e)) if e.code() == Some(super::ErrorCode::GroupIdNotFound) => false,
            Some(Err(e)) => return Err(e.clone()),
            None => false,
        };
        if !has_offsets && !has_members {
            unknown.push(g.clone());
        }
    }
    Ok(GroupPresence {
        unknown,
        listed: list.groups.iter().map(|g| g.group.clone()).collect(),
        unlisted_brokers: list.failed_brokers.len(),
    })
}
