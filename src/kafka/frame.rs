//! Size-prefixed framing: every Kafka message is `i32 length` + payload. The
//! length of a response is checked against a maximum before anything is
//! allocated for it.

use bytes::{BufMut, Bytes, BytesMut};
use kafka_protocol::messages::RequestHeader;
use kafka_protocol::protocol::{Encodable, Request, StrBytes};
use tokio::io::{AsyncRead, AsyncReadExt};

/// Default cap on a response frame (the spec's sanity limit).
pub const DEFAULT_MAX_FRAME: usize = 100 * 1024 * 1024;

/// Why a frame could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// Clean end of stream between frames.
    Eof,
    /// The stream ended inside a frame (connection closed mid-response).
    Truncated {
        expected: usize,
        got: usize,
    },
    /// Negative or over-limit length prefix.
    TooLarge {
        size: i64,
        max: usize,
    },
    Io(std::io::Error),
}

/// Encode one request (header + body) into a complete frame.
pub fn encode_request<R: Request>(
    req: &R,
    version: i16,
    correlation_id: i32,
    client_id: &str,
) -> Result<Bytes, String> {
    let header = RequestHeader::default()
        .with_request_api_key(R::KEY)
        .with_request_api_version(version)
        .with_correlation_id(correlation_id)
        .with_client_id(Some(StrBytes::from_string(client_id.to_string())));
    let mut buf = BytesMut::with_capacity(64);
    buf.put_i32(0);
    header
        .encode(&mut buf, R::header_version(version))
        .map_err(|e| e.to_string())?;
    req.encode(&mut buf, version).map_err(|e| e.to_string())?;
    let len = i32::try_from(buf.len() - 4).map_err(|_| "request larger than 2 GiB".to_string())?;
    buf[..4].copy_from_slice(&len.to_be_bytes());
    Ok(buf.freeze())
}

/// Read one frame's payload. The length is validated before allocation.
pub async fn read_frame<S: AsyncRead + Unpin>(
    stream: &mut S,
    max: usize,
) -> Result<Bytes, FrameError> {
    let mut len_buf = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match stream.read(&mut len_buf[got..]).await {
            Ok(0) if got == 0 => return Err(FrameError::Eof),
            Ok(0) => return Err(FrameError::Truncated { expected: 4, got }),
            Ok(n) => got += n,
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    let size = i32::from_be_bytes(len_buf) as i64;
    if size < 4 || size as u64 > max as u64 {
        return Err(FrameError::TooLarge { size, max });
    }
    let size = size as usize;
    let mut payload = BytesMut::zeroed(size);
    let mut filled = 0;
    while filled < size {
        match stream.read(&mut payload[filled..]).await {
            Ok(0) => {
                return Err(FrameError::Truncated {
                    expected: size,
                    got: filled,
                })
            }
            Ok(n) => filled += n,
            Err(e) => return Err(FrameError::Io(e)),
        }
    }
    Ok(payload.freeze())
}

/// The correlation id at the start of every response payload.
pub fn correlation_id(payload: &[u8]) -> Option<i32> {
    payload
        .get(..4)
        .map(|b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kafka_protocol::messages::{ApiKey, ApiVersionsRequest, RequestHeader};
    use kafka_protocol::protocol::Decodable;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn request_frame_has_length_prefix_and_header() {
        let frame = encode_request(&ApiVersionsRequest::default(), 0, 42, "groupctl").unwrap();
        let len = i32::from_be_bytes(frame[..4].try_into().unwrap()) as usize;
        assert_eq!(len, frame.len() - 4);
        let mut body = frame.slice(4..);
        let header = RequestHeader::decode(&mut body, 1).unwrap();
        assert_eq!(header.request_api_key, ApiKey::ApiVersions as i16);
        assert_eq!(header.correlation_id, 42);
        assert_eq!(header.client_id.as_deref(), Some("groupctl"));
    }

    #[test]
    fn reads_frames_back_to_back_and_detects_eof() {
        let mut data = Vec::new();
        for payload in [&b"\0\0\0\x01abc"[..], &b"\0\0\0\x02"[..]] {
            data.extend_from_slice(&(payload.len() as i32).to_be_bytes());
            data.extend_from_slice(payload);
        }
        let mut cursor = std::io::Cursor::new(data);
        block_on(async {
            let a = read_frame(&mut cursor, 1024).await.unwrap();
            assert_eq!(correlation_id(&a), Some(1));
            assert_eq!(&a[4..], b"abc");
            let b = read_frame(&mut cursor, 1024).await.unwrap();
            assert_eq!(correlation_id(&b), Some(2));
            assert!(matches!(
                read_frame(&mut cursor, 1024).await,
                Err(FrameError::Eof)
            ));
        });
    }

    #[test]
    fn oversized_and_negative_lengths_are_rejected_before_allocating() {
        block_on(async {
            let mut huge = std::io::Cursor::new(0x7fff_ffffi32.to_be_bytes().to_vec());
            assert!(matches!(
                read_frame(&mut huge, DEFAULT_MAX_FRAME).await,
                Err(FrameError::TooLarge {
                    size: 0x7fff_ffff,
                    ..
                })
            ));
            let mut neg = std::io::Cursor::new((-5i32).to_be_bytes().to_vec());
            assert!(matches!(
                read_frame(&mut neg, 1024).await,
                Err(FrameError::TooLarge { size: -5, .. })
            ));
        });
    }

    #[test]
    fn truncated_payload_is_reported() {
        let mut data = 10i32.to_be_bytes().to_vec();
        data.extend_from_slice(b"\0\0\0\x01ab");
        let mut cursor = std::io::Cursor::new(data);
        block_on(async {
            assert!(matches!(
                read_frame(&mut cursor, 1024).await,
                Err(FrameError::Truncated {
                    expected: 10,
                    got: 6
                })
            ));
        });
    }
}
