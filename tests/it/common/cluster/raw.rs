//! A minimal blocking Kafka client for protocol-level checks: one connection,
//! requests and responses as kafka-protocol types, correlation ids visible,
//! pipelining by sending several requests before reading.

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::{RequestHeader, ResponseHeader};
use kafka_protocol::protocol::{Decodable, Encodable, HeaderVersion, Request, StrBytes};
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub struct RawClient {
    stream: TcpStream,
    next_id: i32,
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

impl RawClient {
    /// Connect; reads give up after 10 s.
    pub fn connect(addr: &str) -> io::Result<RawClient> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(RawClient { stream, next_id: 1 })
    }

    pub fn set_read_timeout(&self, t: Duration) -> io::Result<()> {
        self.stream.set_read_timeout(Some(t))
    }

    /// Send a request at `version`; returns its correlation id.
    pub fn send<R: Request>(&mut self, version: i16, req: &R) -> io::Result<i32> {
        let id = self.next_id;
        self.next_id += 1;
        let mut buf = BytesMut::new();
        RequestHeader::default()
            .with_request_api_key(R::KEY)
            .with_request_api_version(version)
            .with_correlation_id(id)
            .with_client_id(Some(StrBytes::from_static_str("raw-test-client")))
            .encode(&mut buf, R::header_version(version))
            .map_err(invalid)?;
        req.encode(&mut buf, version).map_err(invalid)?;
        let mut frame = (buf.len() as i32).to_be_bytes().to_vec();
        frame.extend_from_slice(&buf);
        self.stream.write_all(&frame)?;
        Ok(id)
    }

    /// The next response frame (header and body), undecoded.
    pub fn recv_frame(&mut self) -> io::Result<Bytes> {
        let mut len = [0u8; 4];
        self.stream.read_exact(&mut len)?;
        let len = usize::try_from(i32::from_be_bytes(len)).map_err(invalid)?;
        let mut buf = vec![0u8; len];
        self.stream.read_exact(&mut buf)?;
        Ok(Bytes::from(buf))
    }

    /// The next response, decoded as the answer to an `R` at `version`: (correlation id, body).
    pub fn recv<R: Request>(&mut self, version: i16) -> io::Result<(i32, R::Response)> {
        Self::decode::<R>(self.recv_frame()?, version)
    }

    /// A response frame decoded as the answer to an `R` at `version`.
    pub fn decode<R: Request>(mut frame: Bytes, version: i16) -> io::Result<(i32, R::Response)> {
        let header = ResponseHeader::decode(&mut frame, R::Response::header_version(version))
            .map_err(invalid)?;
        let body = R::Response::decode(&mut frame, version).map_err(invalid)?;
        Ok((header.correlation_id, body))
    }

    /// Every byte the server sends until it closes the connection.
    pub fn read_to_close(&mut self) -> io::Result<Vec<u8>> {
        let mut all = Vec::new();
        self.stream.read_to_end(&mut all)?;
        Ok(all)
    }

    /// One request, one answer (checked to be this request's).
    pub fn call<R: Request>(&mut self, version: i16, req: &R) -> io::Result<R::Response> {
        let id = self.send(version, req)?;
        let (got, body) = self.recv::<R>(version)?;
        if got != id {
            return Err(invalid(format!("correlation id {got}, expected {id}")));
        }
        Ok(body)
    }
}
