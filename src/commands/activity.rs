//! Whether a group has active members, as far as the brokers can tell. A
//! coordinator that answers GROUP_ID_NOT_FOUND knows no members of the group
//! (Kafka 4 for a group that does not exist); but a group the brokers list
//! and still cannot describe (Chronik 2.10: every consumer group) cannot be
//! checked, and writes to it need the user's word that it is empty.
//!
//! Two steps, so that commands can overlap the first with other requests:
//! DescribeGroups (`describe`), then, only for groups it answered
//! GROUP_ID_NOT_FOUND, the brokers' listing (`judge`).

use crate::admin::{self, Admin, AdminError, ErrorCode, GroupFilter, GroupList};
use crate::model::acl::Operations;
use crate::model::{GroupDescription, GroupState};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub enum Activity {
    /// No members: safe for admin commits. What the principal may do on the
    /// group, when the broker said.
    Idle(Option<Operations>),
    /// Members, or a rebalance under way.
    Active(GroupDescription),
    /// Listed by a broker but not describable: why.
    Unverifiable(String),
}

/// Per group: its activity, or why it could not be checked.
pub type Activities = BTreeMap<String, Result<Activity, AdminError>>;

/// Per group, from DescribeGroups alone: its description, or why it could
/// not be described.
pub type Described = BTreeMap<String, Result<GroupDescription, AdminError>>;

/// The activity of each group, or why it cannot be asked about.
pub async fn of(admin: &Admin, groups: &[String]) -> Activities {
    let described = describe(admin, groups).await;
    let listed = match needs_listing(&described) {
        true => Some(admin::list_groups(admin, &GroupFilter::default()).await),
        false => None,
    };
    judge(described, listed.as_ref())
}

/// Step one: DescribeGroups.
pub async fn describe(admin: &Admin, groups: &[String]) -> Described {
    admin::describe_groups(admin, groups).await
}

/// Whether `judge` needs the brokers' listing: some group was answered GROUP_ID_NOT_FOUND.
pub fn needs_listing(described: &Described) -> bool {
    described.values().any(not_found)
}

fn not_found(r: &Result<GroupDescription, AdminError>) -> bool {
    matches!(r, Err(e) if e.code() == Some(ErrorCode::GroupIdNotFound))
}

/// Step two: the activity of each group from its description and, for the
/// groups the coordinator does not know, the listing (`needs_listing`).
pub fn judge(described: Described, listed: Option<&Result<GroupList, AdminError>>) -> Activities {
    let mut out = BTreeMap::new();
    for (g, r) in described {
        let a = match (r, listed) {
            (Ok(d), _) if d.is_active() => Ok(Activity::Active(d)),
            (Ok(d), _) => Ok(Activity::Idle(d.authorized)),
            (r @ Err(_), Some(listed)) if not_found(&r) => Ok(unlisted_or_not(&g, listed)),
            (Err(e), _) => Err(e),
        };
        out.insert(g, a);
    }
    out
}

/// A group its coordinator does not know: idle unless a broker lists it
/// in a state with members.
fn unlisted_or_not(g: &str, listed: &Result<GroupList, AdminError>) -> Activity {
    let state = listed.as_ref().map(|l| {
        l.groups
            .iter()
            .find(|x| x.group == g)
            .map(|x| x.state.clone())
    });
    match state {
        Ok(None | Some(GroupState::Empty | GroupState::Dead)) => Activity::Idle(None),
        Ok(Some(s)) => Activity::Unverifiable(format!(
            "the broker lists it ({s}) but cannot describe its members (GROUP_ID_NOT_FOUND)"
        )),
        Err(e) => Activity::Unverifiable(format!(
            "it cannot be described (GROUP_ID_NOT_FOUND) nor listed ({e})"
        )),
    }
}
