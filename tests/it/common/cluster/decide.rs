//! What a pretend broker does with one request: log it, then answer it
//! itself (a fault, or a group or partition it does not own), forward it,
//! or forward part of it and answer for the rest.

use super::items::{self, Route};
use super::log::LoggedRequest;
use super::rewrite::{self, Rewrite};
use super::state::{lock, BrokerState, Shared};
use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::{ApiKey, RequestHeader};
use kafka_protocol::protocol::Decodable;
use kafka_protocol::ResponseError;
use std::sync::atomic::Ordering;
use tokio::time::Instant;

/// A request's header fields and where its body starts.
pub struct Parsed {
    pub api: ApiKey,
    pub version: i16,
    pub correlation_id: i32,
    pub header_len: usize,
}

pub fn parse_request(frame: &Bytes) -> Option<Parsed> {
    let api = ApiKey::try_from(i16::from_be_bytes([*frame.first()?, *frame.get(1)?])).ok()?;
    let version = i16::from_be_bytes([frame[2], *frame.get(3)?]);
    let mut rest = frame.clone();
    let header = RequestHeader::decode(&mut rest, api.request_header_version(version)).ok()?;
    Some(Parsed {
        api,
        version,
        correlation_id: header.correlation_id,
        header_len: frame.len() - rest.len(),
    })
}

pub enum Action {
    Never,
    Local { body: Bytes, header_version: i16 },
    Forward { payload: Bytes, rewrite: Rewrite },
}

pub struct Step {
    pub api: Option<ApiKey>,
    pub version: i16,
    pub correlation_id: i32,
    pub log: usize,
    /// False for Produce with acks=0: the client expects no answer.
    pub answered: bool,
    pub action: Action,
}

/// Log the request and decide what the pretend broker does with it.
pub fn decide(
    shared: &Shared,
    broker: &BrokerState,
    connection: u64,
    frame: &Bytes,
    arrived: Instant,
) -> Step {
    let mut entry = LoggedRequest {
        broker: broker.id,
        connection,
        api_key: frame
            .get(..2)
            .map_or(-1, |b| i16::from_be_bytes([b[0], b[1]])),
        version: frame
            .get(2..4)
            .map_or(-1, |b| i16::from_be_bytes([b[0], b[1]])),
        correlation_id: frame
            .get(4..8)
            .map_or(-1, |b| i32::from_be_bytes([b[0], b[1], b[2], b[3]])),
        arrived: arrived.into_std(),
        responded: None,
        groups: vec![],
        partitions: vec![],
        proxy_error: None,
        throttle_ms: None,
    };
    let Some(p) = parse_request(frame) else {
        let log = lock(&broker.log).push(entry.clone());
        let black_hole = lock(&broker.faults).black_hole;
        return Step {
            api: None,
            version: entry.version,
            correlation_id: entry.correlation_id,
            log,
            answered: true,
            action: if black_hole {
                Action::Never
            } else {
                Action::Forward {
                    payload: frame.clone(),
                    rewrite: Rewrite::None,
                }
            },
        };
    };
    let body = frame.slice(p.header_len..);
    if let Some(n) = items::named(p.api, p.version, &body, &lock(&shared.topo)) {
        entry.groups = n.groups;
        entry.partitions = n.partitions;
    }
    let (action, proxy_error) = act(shared, broker, &p, frame, &body);
    entry.proxy_error = proxy_error;
    let log = lock(&broker.log).push(entry);
    Step {
        api: Some(p.api),
        version: p.version,
        correlation_id: p.correlation_id,
        log,
        answered: items::expects_response(p.api, p.version, &body),
        action,
    }
}

fn act(
    shared: &Shared,
    broker: &BrokerState,
    p: &Parsed,
    frame: &Bytes,
    body: &Bytes,
) -> (Action, Option<i16>) {
    let local = |body: Bytes, code: i16| {
        let header_version = p.api.response_header_version(p.version);
        (
            Action::Local {
                body,
                header_version,
            },
            Some(code),
        )
    };
    let forward = |payload: Bytes, rewrite: Rewrite| (Action::Forward { payload, rewrite }, None);
    let (injected, api_versions_max) = {
        let mut f = lock(&broker.faults);
        if f.black_hole {
            return (Action::Never, None);
        }
        let injected = if items::can_fail(p.api) {
            f.take_injection(p.api)
        } else {
            None
        };
        (injected, f.api_versions_max)
    };
    if let Some(max) = api_versions_max.filter(|&m| p.api == ApiKey::ApiVersions && p.version > m) {
        // Old brokers answer in the v0 layout, whatever version was asked.
        let code = ResponseError::UnsupportedVersion.code();
        return (
            Action::Local {
                body: rewrite::old_api_versions(max),
                header_version: 0,
            },
            Some(code),
        );
    }
    if let Some(error) = injected {
        if let Some(answer) = items::error_response(p.api, p.version, body, error) {
            return local(answer, error.code());
        }
    }
    let plain = || Rewrite::for_request(p.api, p.version, body);
    if !shared.routing.load(Ordering::SeqCst) {
        return forward(frame.clone(), plain());
    }
    let route = items::route(p.api, p.version, body, &lock(&shared.topo), broker.id);
    match route {
        Route::Forward => forward(frame.clone(), plain()),
        Route::Local { answer, code } => local(answer, code),
        Route::Split {
            forward: part,
            local: errors,
            code,
        } => {
            let mut payload = BytesMut::from(&frame[..p.header_len]);
            payload.extend_from_slice(&part);
            let (action, _) = forward(payload.freeze(), Rewrite::Merge(errors));
            (action, Some(code))
        }
    }
}
