//! Errors of the client layer, one enum. Server errors carry the Kafka error
//! name (`GROUP_AUTHORIZATION_FAILED`) and a hint for the operator.

use kafka_protocol::error::ResponseError;
use std::time::Duration;

#[derive(Debug, Clone, thiserror::Error)]
pub enum KafkaError {
    #[error("cannot connect to {addr}: {reason} (is a broker listening there? check --bootstrap-server)")]
    Connect { addr: String, reason: String },

    #[error("TLS handshake with {addr} failed: {reason}")]
    Tls { addr: String, reason: String },

    #[error("authentication to {addr} failed: {reason}")]
    Auth { addr: String, reason: String },

    #[error("no bootstrap server reachable: {0}")]
    Unreachable(Box<KafkaError>),

    #[error("connection to {addr} closed by the broker{context}")]
    ConnectionClosed { addr: String, context: String },

    #[error("{addr} sent a {size}-byte response frame, over the {max}-byte limit (not a Kafka listener, or a TLS port spoken to in plaintext?)")]
    FrameTooLarge { addr: String, size: i64, max: usize },

    #[error("cannot decode {api} v{version} response from {addr}: {reason}")]
    Decode {
        api: &'static str,
        version: i16,
        addr: String,
        reason: String,
    },

    #[error("cannot encode {api} v{version} request: {reason}")]
    Encode {
        api: &'static str,
        version: i16,
        reason: String,
    },

    #[error("{api} is not supported: broker {addr} offers v{broker_min}-v{broker_max}, groupctl speaks v{ours_min}-v{ours_max}")]
    NoCommonVersion {
        api: &'static str,
        addr: String,
        broker_min: i16,
        broker_max: i16,
        ours_min: i16,
        ours_max: i16,
    },

    #[error("{api} is not offered by broker {addr}")]
    ApiNotOffered { api: &'static str, addr: String },

    #[error("timed out after {}: {what}", humantime::format_duration(*.after))]
    Timeout { what: String, after: Duration },

    /// TCP (and TLS) connect took longer than the connect timeout.
    #[error("cannot connect to {addr} within {} (connect timeout: --connect-timeout, socket.connection.setup.timeout.ms)", humantime::format_duration(*.after))]
    ConnectTimeout { addr: String, after: Duration },

    /// A request (the ApiVersions handshake included) got no answer within the request timeout.
    #[error("{addr} did not answer {api} within {} (request timeout: --request-timeout, request.timeout.ms)", humantime::format_duration(*.after))]
    RequestTimeout {
        api: &'static str,
        addr: String,
        after: Duration,
    },

    /// A broker found unreachable earlier in this run is not asked again:
    /// the run goes on with the others (a partial result, not a long wait).
    #[error("{}", down_message(*.node, .addr, .cause))]
    Down {
        node: Option<i32>,
        addr: String,
        cause: Box<KafkaError>,
    },

    #[error("{}{}: {}", kafka_error_name(.code), context_suffix(.context), error_hint(.code, .message.as_deref()))]
    Server {
        code: ResponseError,
        context: String,
        message: Option<String>,
    },

    #[error("broker {0} is not in the cluster metadata")]
    UnknownBroker(i32),

    /// The user interrupted the run: requests not yet written are not sent.
    #[error("not sent: interrupted before this {api} request left")]
    Interrupted { api: &'static str },

    /// The TLS settings cannot be used (unreadable or non-PEM files, no CA).
    #[error(transparent)]
    TlsConfig(#[from] super::tls::TlsError),
}

fn broker_name(node: Option<i32>, addr: &str) -> String {
    match node {
        Some(id) => format!("broker {id} ({addr})"),
        None => format!("broker {addr}"),
    }
}

/// `broker 3 (host:port) did not answer ...`: the cause, said of the broker.
fn down_message(node: Option<i32>, addr: &str, cause: &KafkaError) -> String {
    let broker = broker_name(node, addr);
    match cause {
        KafkaError::RequestTimeout { api, after, .. } => format!(
            "{broker} did not answer {api} within {} (request timeout: --request-timeout, request.timeout.ms)",
            humantime::format_duration(*after)
        ),
        KafkaError::ConnectTimeout { after, .. } => format!(
            "cannot connect to {broker} within {} (connect timeout: --connect-timeout, socket.connection.setup.timeout.ms)",
            humantime::format_duration(*after)
        ),
        KafkaError::Connect { reason, .. } => format!("cannot connect to {broker}: {reason}"),
        other => format!("{broker} is unreachable: {other}"),
    }
}

fn context_suffix(context: &str) -> String {
    if context.is_empty() {
        String::new()
    } else {
        format!(" ({context})")
    }
}

impl KafkaError {
    pub fn server(code: ResponseError, context: impl Into<String>) -> Self {
        KafkaError::Server {
            code,
            context: context.into(),
            message: None,
        }
    }

    /// Whether waiting and trying again may succeed: network trouble and
    /// Kafka's retriable error codes (coordinator moving, leader election...).
    pub fn is_retriable(&self) -> bool {
        match self {
            KafkaError::ConnectionClosed { .. } | KafkaError::Connect { .. } => true,
            KafkaError::Server { code, .. } => code.is_retriable(),
            _ => false,
        }
    }

    /// A connection-level failure (refused, closed), not a broker's answer.
    pub fn is_network(&self) -> bool {
        matches!(
            self,
            KafkaError::ConnectionClosed { .. } | KafkaError::Connect { .. }
        )
    }

    /// Whether the broker is unreachable for the rest of this run.
    pub fn is_down(&self) -> bool {
        matches!(self, KafkaError::Down { .. })
    }

    /// Whether this failure makes a broker unreachable for the rest of the
    /// run: it already cost a whole connect or request timeout.
    pub(crate) fn takes_broker_down(&self) -> bool {
        matches!(
            self,
            KafkaError::ConnectTimeout { .. } | KafkaError::RequestTimeout { .. }
        )
    }

    /// A failure that makes broker `node` unreachable for the run, as
    /// `Down` naming it by id (how coordinators and leaders are known);
    /// other errors unchanged.
    pub(crate) fn down_at(self, node: i32, addr: &str) -> KafkaError {
        match self {
            KafkaError::Down { addr, cause, .. } => KafkaError::Down {
                node: Some(node),
                addr,
                cause,
            },
            e if e.takes_broker_down() => KafkaError::Down {
                node: Some(node),
                addr: addr.to_string(),
                cause: Box::new(e),
            },
            other => other,
        }
    }

    /// Short enough for a table cell: Kafka's error name, `broker 3
    /// unreachable`, or the whole message.
    pub fn short(&self) -> String {
        match self {
            KafkaError::Server { code, .. } => kafka_error_name(code),
            KafkaError::Down { node: Some(id), .. } => format!("broker {id} unreachable"),
            KafkaError::Down { addr, .. } => format!("broker {addr} unreachable"),
            other => other.to_string(),
        }
    }

    /// The Kafka error code, for server errors.
    pub fn code(&self) -> Option<ResponseError> {
        match self {
            KafkaError::Server { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// `GroupAuthorizationFailed` -> `GROUP_AUTHORIZATION_FAILED`, as Kafka's docs and logs name it.
pub fn kafka_error_name(code: &ResponseError) -> String {
    let camel = match code {
        ResponseError::Unknown(c) => return format!("UNKNOWN_ERROR_CODE_{c}"),
        other => format!("{other:?}"),
    };
    let mut out = String::with_capacity(camel.len() + 8);
    for (i, ch) in camel.chars().enumerate() {
        if ch.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

/// What an operator should do about a Kafka error.
pub fn error_hint(code: &ResponseError, broker_message: Option<&str>) -> String {
    use ResponseError::*;
    let hint = match code {
        GroupAuthorizationFailed => "the principal lacks DESCRIBE/READ on this group (check ACLs)",
        TopicAuthorizationFailed => "the principal lacks DESCRIBE on this topic (check ACLs)",
        ClusterAuthorizationFailed => "the principal lacks DESCRIBE on the cluster (check ACLs)",
        GroupIdNotFound => "the coordinator does not know this group",
        NonEmptyGroup => "the group still has active members; stop its consumers first",
        UnknownMemberId | IllegalGeneration | RebalanceInProgress => {
            "the group has active members; Kafka only accepts admin offset commits on an empty group"
        }
        CoordinatorNotAvailable | CoordinatorLoadInProgress => {
            "the group coordinator is not ready yet (broker starting, or __consumer_offsets unavailable); retried until --timeout"
        }
        NotCoordinator => "the group coordinator moved; retried until --timeout",
        UnknownTopicOrPartition => "the topic or partition does not exist",
        NotLeaderOrFollower | LeaderNotAvailable => "partition leadership is moving; retried until --timeout",
        UnsupportedVersion => "the broker does not support this request version",
        InvalidGroupId => "the group id is empty or invalid",
        GroupSubscribedToTopic => "the group still consumes this topic; stop its consumers first",
        SaslAuthenticationFailed => "wrong username or password, or a mechanism the user has no credentials for",
        UnsupportedSaslMechanism => "the broker does not enable this sasl.mechanism",
        IllegalSaslState => "unexpected SASL exchange (is this listener configured for SASL?)",
        OffsetOutOfRange => "the offset is outside the partition's log range",
        InvalidCommitOffsetSize => "the offset metadata is too large",
        RequestTimedOut => "the broker timed out internally; retried until --timeout",
        FencedInstanceId => "another consumer with the same group.instance.id is active",
        UnknownServerError => "the broker hit an unexpected error (see its logs)",
        _ => "",
    };
    match (broker_message.filter(|m| !m.is_empty()), hint.is_empty()) {
        (Some(m), true) => m.to_string(),
        (Some(m), false) => format!("{m}; {hint}"),
        (None, true) => format!("{code}"),
        (None, false) => hint.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kafka_style() {
        assert_eq!(
            kafka_error_name(&ResponseError::GroupAuthorizationFailed),
            "GROUP_AUTHORIZATION_FAILED"
        );
        assert_eq!(
            kafka_error_name(&ResponseError::NotCoordinator),
            "NOT_COORDINATOR"
        );
        assert_eq!(
            kafka_error_name(&ResponseError::Unknown(999)),
            "UNKNOWN_ERROR_CODE_999"
        );
    }

    #[test]
    fn server_error_is_one_line_with_hint() {
        let e = KafkaError::server(ResponseError::GroupAuthorizationFailed, "group billing");
        let s = e.to_string();
        assert_eq!(s, "GROUP_AUTHORIZATION_FAILED (group billing): the principal lacks DESCRIBE/READ on this group (check ACLs)");
        assert!(!e.is_retriable());
        assert!(KafkaError::server(ResponseError::NotCoordinator, "").is_retriable());
    }
}
