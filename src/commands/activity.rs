//! Whether a group has active members, as far as the brokers can tell. A
//! coordinator that answers GROUP_ID_NOT_FOUND knows no members of the group
//! (Kafka 4 for a group that does not exist); but a group the brokers list
//! and still cannot describe (Chronik 2.10: every consumer group) cannot be
//! checked, and writes to it need the user's word that it is empty.

use super::session::Session;
use crate::admin::{self, AdminError, ErrorCode, GroupFilter};
use crate::model::{GroupDescription, GroupState};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub enum Activity {
    /// No members: safe for admin commits.
    Idle,
    /// Members, or a rebalance under way.
    Active(GroupDescription),
    /// Listed by a broker but not describable: why.
    Unverifiable(String),
}

/// The activity of each group, or why it cannot be asked about.
pub fn of(session: &Session, groups: &[String]) -> BTreeMap<String, Result<Activity, AdminError>> {
    let mut out = BTreeMap::new();
    let mut undescribed = Vec::new();
    for (g, r) in session.activity(groups) {
        let a = match r {
            Ok(Some(d)) => Ok(Activity::Active(d)),
            Ok(None) => Ok(Activity::Idle),
            Err(e) if e.code() == Some(ErrorCode::GroupIdNotFound) => {
                undescribed.push(g);
                continue;
            }
            Err(e) => Err(e),
        };
        out.insert(g, a);
    }
    if undescribed.is_empty() {
        return out;
    }
    let listed = session.block_on(admin::list_groups(&session.admin, &GroupFilter::default()));
    for g in undescribed {
        let state = match &listed {
            Ok(l) => Ok(l
                .groups
                .iter()
                .find(|x| x.group == g)
                .map(|x| x.state.clone())),
            Err(e) => Err(e),
        };
        let a = match state {
            Ok(None | Some(GroupState::Empty | GroupState::Dead)) => Activity::Idle,
            Ok(Some(s)) => Activity::Unverifiable(format!(
                "the broker lists it ({s}) but cannot describe its members (GROUP_ID_NOT_FOUND)"
            )),
            Err(e) => Activity::Unverifiable(format!(
                "it cannot be described (GROUP_ID_NOT_FOUND) nor listed ({e})"
            )),
        };
        out.insert(g, Ok(a));
    }
    out
}
