//! `throttle_time_ms` of a response (KIP-219): a broker over a quota answers
//! at once and mutes the connection for that long; a client must not send
//! on it before the time has passed. The connection's reader reads it from
//! every response frame as it arrives, before anyone is woken, so no request
//! can slip out between an answer's arrival and its decoding.

use bytes::Bytes;
use kafka_protocol::messages::{ApiKey, ResponseHeader};
use kafka_protocol::protocol::Decodable;

/// Where `throttle_time_ms` sits in a response body (after the header), for
/// the APIs groupctl sends; None where the response has none.
pub fn offset(api: ApiKey, version: i16) -> Option<usize> {
    use ApiKey::*;
    let first_since = |v: i16| (version >= v).then_some(0);
    match api {
        Metadata | OffsetFetch | OffsetCommit => first_since(3),
        Fetch | FindCoordinator | ListGroups | DescribeGroups => first_since(1),
        ListOffsets | CreateTopics => first_since(2),
        ConsumerGroupDescribe | DeleteGroups | DescribeCluster => first_since(0),
        // After the group's error code.
        OffsetDelete => Some(2),
        // ApiVersions carries it after its array (and brokers never throttle
        // it); the SASL exchange has none.
        _ => None,
    }
}

/// The throttle time of a response frame (header and body), 0 for none.
pub fn of_frame(api: ApiKey, version: i16, frame: &Bytes) -> i32 {
    let Some(at) = offset(api, version) else {
        return 0;
    };
    let mut body = frame.clone();
    if ResponseHeader::decode(&mut body, api.response_header_version(version)).is_err() {
        return 0;
    }
    body.get(at..at + 4)
        .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::BytesMut;
    use kafka_protocol::messages::*;
    use kafka_protocol::protocol::{Encodable, Message};

    /// Encode `resp` with a header at every version and read the throttle back.
    fn read_back<R: Encodable + Message + Default>(api: ApiKey, set: impl Fn(&mut R)) -> usize {
        let mut checked = 0;
        for v in R::VERSIONS.min..=R::VERSIONS.max {
            let mut r = R::default();
            set(&mut r);
            let mut buf = BytesMut::new();
            ResponseHeader::default()
                .with_correlation_id(7)
                .encode(&mut buf, api.response_header_version(v))
                .unwrap();
            if r.encode(&mut buf, v).is_err() {
                continue;
            }
            let got = of_frame(api, v, &buf.freeze());
            if offset(api, v).is_some() {
                assert_eq!(got, 1234, "{api:?} v{v}");
                checked += 1;
            } else {
                assert_eq!(got, 0, "{api:?} v{v}");
            }
        }
        checked
    }

    #[test]
    fn the_table_finds_throttle_time_at_every_version() {
        let mut n = 0;
        n += read_back(ApiKey::Metadata, |r: &mut MetadataResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(
            ApiKey::FindCoordinator,
            |r: &mut FindCoordinatorResponse| r.throttle_time_ms = 1234,
        );
        n += read_back(ApiKey::ListGroups, |r: &mut ListGroupsResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(ApiKey::DescribeGroups, |r: &mut DescribeGroupsResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(
            ApiKey::ConsumerGroupDescribe,
            |r: &mut ConsumerGroupDescribeResponse| r.throttle_time_ms = 1234,
        );
        n += read_back(ApiKey::OffsetFetch, |r: &mut OffsetFetchResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(ApiKey::OffsetCommit, |r: &mut OffsetCommitResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(ApiKey::ListOffsets, |r: &mut ListOffsetsResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(ApiKey::DeleteGroups, |r: &mut DeleteGroupsResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(ApiKey::OffsetDelete, |r: &mut OffsetDeleteResponse| {
            r.throttle_time_ms = 1234
        });
        n += read_back(
            ApiKey::DescribeCluster,
            |r: &mut DescribeClusterResponse| r.throttle_time_ms = 1234,
        );
        n += read_back(ApiKey::CreateTopics, |r: &mut CreateTopicsResponse| {
            r.throttle_time_ms = 1234
        });
        // Every API groupctl sends whose answer has the field is in the table.
        let fetch = read_back(ApiKey::Fetch, |r: &mut FetchResponse| {
            r.throttle_time_ms = 1234
        });
        assert!(fetch > 10, "Fetch answers carry it since v1: {fetch}");
        n += fetch;
        assert!(n > 60, "{n} versions checked");
    }
}
