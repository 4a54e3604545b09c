//! Version negotiation: the broker's ApiVersions ranges against ours.

use kafka_protocol::protocol::{Message, Request, VersionRange};
use std::collections::HashMap;

/// The API ranges a broker advertised.
#[derive(Debug, Clone, Default)]
pub struct BrokerApis {
    ranges: HashMap<i16, (i16, i16)>,
}

/// Outcome of picking a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionChoice {
    Use(i16),
    NotOffered,
    NoOverlap {
        broker: (i16, i16),
        ours: (i16, i16),
    },
}

impl BrokerApis {
    pub fn new(ranges: impl IntoIterator<Item = (i16, i16, i16)>) -> Self {
        BrokerApis {
            ranges: ranges
                .into_iter()
                .map(|(k, lo, hi)| (k, (lo, hi)))
                .collect(),
        }
    }

    pub fn range(&self, api_key: i16) -> Option<(i16, i16)> {
        self.ranges.get(&api_key).copied()
    }

    /// `min(our max, broker max)`, provided the ranges overlap.
    pub fn choose(&self, api_key: i16, ours: VersionRange) -> VersionChoice {
        choose(self.range(api_key), (ours.min, ours.max))
    }

    pub fn choose_for<R: Request>(&self) -> VersionChoice {
        self.choose(R::KEY, <R as Message>::VERSIONS)
    }

    /// Highest version both sides support, capped at `cap` (for features gated by version).
    pub fn supports<R: Request>(&self, at_least: i16) -> bool {
        matches!(self.choose_for::<R>(), VersionChoice::Use(v) if v >= at_least)
    }
}

pub fn choose(broker: Option<(i16, i16)>, ours: (i16, i16)) -> VersionChoice {
    let Some((bmin, bmax)) = broker else {
        return VersionChoice::NotOffered;
    };
    let v = ours.1.min(bmax);
    if v < ours.0 || v < bmin {
        VersionChoice::NoOverlap {
            broker: (bmin, bmax),
            ours,
        }
    } else {
        VersionChoice::Use(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::messages::{ListGroupsRequest, OffsetFetchRequest};

    #[test]
    fn picks_min_of_maxima() {
        assert_eq!(choose(Some((0, 5)), (0, 9)), VersionChoice::Use(5));
        assert_eq!(choose(Some((0, 12)), (1, 9)), VersionChoice::Use(9));
        assert_eq!(choose(Some((3, 3)), (0, 9)), VersionChoice::Use(3));
    }

    #[test]
    fn detects_no_overlap_and_absence() {
        assert_eq!(
            choose(Some((0, 0)), (1, 9)),
            VersionChoice::NoOverlap {
                broker: (0, 0),
                ours: (1, 9)
            }
        );
        assert_eq!(
            choose(Some((10, 12)), (1, 9)),
            VersionChoice::NoOverlap {
                broker: (10, 12),
                ours: (1, 9)
            }
        );
        assert_eq!(choose(None, (0, 5)), VersionChoice::NotOffered);
    }

    #[test]
    fn per_request_choice_uses_crate_ranges() {
        // Tansu's table: ListGroups 0-5, OffsetFetch 0-9.
        let apis = BrokerApis::new([(16, 0, 5), (9, 0, 9)]);
        assert_eq!(
            apis.choose_for::<ListGroupsRequest>(),
            VersionChoice::Use(5)
        );
        assert!(apis.supports::<OffsetFetchRequest>(8));
        let old = BrokerApis::new([(9, 0, 7)]);
        assert!(!old.supports::<OffsetFetchRequest>(8));
    }
}
