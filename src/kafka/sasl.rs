//! SASL PLAIN and SCRAM-SHA-256/512 client exchanges (RFC 4616, RFC 5802,
//! RFC 7677). The messages travel in SaslHandshake + SaslAuthenticate
//! (connection.rs); this module only builds and checks the SASL payloads.
//! The maths comes from RustCrypto's hmac, sha2 and pbkdf2.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Mechanism {
    #[serde(rename = "PLAIN")]
    Plain,
    #[serde(rename = "SCRAM-SHA-256")]
    ScramSha256,
    #[serde(rename = "SCRAM-SHA-512")]
    ScramSha512,
}

/// A `sasl.mechanism` groupctl cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MechanismError {
    #[error("SASL mechanism {0} is not supported (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 are)")]
    Unsupported(String),
    #[error("unknown SASL mechanism {0:?} (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)")]
    Unknown(String),
}

impl Mechanism {
    pub fn parse(s: &str) -> Result<Mechanism, MechanismError> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PLAIN" => Ok(Mechanism::Plain),
            "SCRAM-SHA-256" => Ok(Mechanism::ScramSha256),
            "SCRAM-SHA-512" => Ok(Mechanism::ScramSha512),
            "GSSAPI" | "OAUTHBEARER" => Err(MechanismError::Unsupported(s.to_string())),
            _ => Err(MechanismError::Unknown(s.to_string())),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mechanism::Plain => "PLAIN",
            Mechanism::ScramSha256 => "SCRAM-SHA-256",
            Mechanism::ScramSha512 => "SCRAM-SHA-512",
        }
    }
}

/// A password: never shown by Debug or Display.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"****\"")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

/// SASL options from flags, properties or profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaslSettings {
    pub mechanism: Mechanism,
    pub username: String,
    pub password: Secret,
}

/// RFC 4616: `\0user\0password`.
pub fn plain_message(username: &str, password: &Secret) -> Vec<u8> {
    let mut m = Vec::with_capacity(username.len() + password.0.len() + 2);
    m.push(0);
    m.extend_from_slice(username.as_bytes());
    m.push(0);
    m.extend_from_slice(password.0.as_bytes());
    m
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScramError {
    #[error("malformed server message: {0}")]
    Malformed(&'static str),
    #[error("the server's nonce does not extend ours")]
    Nonce,
    #[error("the server rejected the credentials: {0}")]
    Server(String),
    #[error("the server's signature is wrong (it does not know this password, or someone is in the middle)")]
    ServerSignature,
    #[error("iteration count {0} is below 4096")]
    Iterations(u32),
}

/// Hash-specific SCRAM maths.
trait ScramHash {
    fn hi(password: &[u8], salt: &[u8], i: u32) -> Vec<u8>;
    fn hmac(key: &[u8], data: &[u8]) -> Vec<u8>;
    fn h(data: &[u8]) -> Vec<u8>;
}

struct S256;
struct S512;

impl ScramHash for S256 {
    fn hi(password: &[u8], salt: &[u8], i: u32) -> Vec<u8> {
        pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, i).to_vec()
    }
    fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    fn h(data: &[u8]) -> Vec<u8> {
        Sha256::digest(data).to_vec()
    }
}

impl ScramHash for S512 {
    fn hi(password: &[u8], salt: &[u8], i: u32) -> Vec<u8> {
        pbkdf2::pbkdf2_hmac_array::<Sha512, 64>(password, salt, i).to_vec()
    }
    fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = Hmac::<Sha512>::new_from_slice(key).expect("HMAC takes any key length");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    fn h(data: &[u8]) -> Vec<u8> {
        Sha512::digest(data).to_vec()
    }
}

/// RFC 5802 §5.1 `saslname`: `=` and `,` escaped.
fn saslname(u: &str) -> String {
    u.replace('=', "=3D").replace(',', "=2C")
}

/// A SCRAM client conversation: first message, final message, server check.
pub struct Scram {
    mechanism: Mechanism,
    password: Secret,
    client_first_bare: String,
    nonce: String,
    server_signature: Option<Vec<u8>>,
}

impl Scram {
    /// With a random 24-byte nonce.
    pub fn new(mechanism: Mechanism, username: &str, password: &Secret) -> Scram {
        let mut raw = [0u8; 24];
        getrandom::getrandom(&mut raw).expect("the OS random source works");
        Scram::with_nonce(mechanism, username, password, &B64.encode(raw))
    }

    pub fn with_nonce(
        mechanism: Mechanism,
        username: &str,
        password: &Secret,
        nonce: &str,
    ) -> Scram {
        Scram {
            mechanism,
            password: password.clone(),
            client_first_bare: format!("n={},r={nonce}", saslname(username)),
            nonce: nonce.to_string(),
            server_signature: None,
        }
    }

    /// `n,,n=user,r=nonce`
    pub fn client_first(&self) -> Vec<u8> {
        format!("n,,{}", self.client_first_bare).into_bytes()
    }

    /// From the server-first message, the client-final message (with the proof).
    pub fn client_final(&mut self, server_first: &[u8]) -> Result<Vec<u8>, ScramError> {
        let sf =
            std::str::from_utf8(server_first).map_err(|_| ScramError::Malformed("not UTF-8"))?;
        if let Some(e) = sf.strip_prefix("e=") {
            return Err(ScramError::Server(e.to_string()));
        }
        let mut nonce = None;
        let mut salt = None;
        let mut iterations = None;
        for attr in sf.split(',') {
            match attr.split_once('=') {
                Some(("r", v)) => nonce = Some(v),
                Some(("s", v)) => {
                    salt = Some(
                        B64.decode(v)
                            .map_err(|_| ScramError::Malformed("salt is not base64"))?,
                    )
                }
                Some(("i", v)) => {
                    iterations = Some(
                        v.parse::<u32>()
                            .map_err(|_| ScramError::Malformed("bad iteration count"))?,
                    )
                }
                _ => {}
            }
        }
        let nonce = nonce.ok_or(ScramError::Malformed("no nonce"))?;
        let salt = salt.ok_or(ScramError::Malformed("no salt"))?;
        let i = iterations.ok_or(ScramError::Malformed("no iteration count"))?;
        if !nonce.starts_with(&self.nonce) || nonce.len() <= self.nonce.len() {
            return Err(ScramError::Nonce);
        }
        if i < 4096 {
            return Err(ScramError::Iterations(i));
        }
        let without_proof = format!("c=biws,r={nonce}");
        let auth_message = format!("{},{sf},{without_proof}", self.client_first_bare);
        let (proof, server_sig) = match self.mechanism {
            Mechanism::ScramSha512 => proof::<S512>(
                self.password.0.as_bytes(),
                &salt,
                i,
                auth_message.as_bytes(),
            ),
            _ => proof::<S256>(
                self.password.0.as_bytes(),
                &salt,
                i,
                auth_message.as_bytes(),
            ),
        };
        self.server_signature = Some(server_sig);
        Ok(format!("{without_proof},p={}", B64.encode(proof)).into_bytes())
    }

    /// Check the server-final message (`v=signature` or `e=error`).
    pub fn verify_server_final(&self, server_final: &[u8]) -> Result<(), ScramError> {
        let s =
            std::str::from_utf8(server_final).map_err(|_| ScramError::Malformed("not UTF-8"))?;
        if let Some(e) = s.strip_prefix("e=") {
            return Err(ScramError::Server(e.to_string()));
        }
        let v = s
            .split(',')
            .find_map(|a| a.strip_prefix("v="))
            .ok_or(ScramError::Malformed("no verifier"))?;
        let v = B64
            .decode(v)
            .map_err(|_| ScramError::Malformed("verifier is not base64"))?;
        match &self.server_signature {
            Some(sig) if *sig == v => Ok(()),
            _ => Err(ScramError::ServerSignature),
        }
    }
}

/// (ClientProof, ServerSignature) of RFC 5802 §3.
fn proof<H: ScramHash>(
    password: &[u8],
    salt: &[u8],
    i: u32,
    auth_message: &[u8],
) -> (Vec<u8>, Vec<u8>) {
    let salted = H::hi(password, salt, i);
    let client_key = H::hmac(&salted, b"Client Key");
    let stored_key = H::h(&client_key);
    let client_signature = H::hmac(&stored_key, auth_message);
    let proof: Vec<u8> = client_key
        .iter()
        .zip(&client_signature)
        .map(|(a, b)| a ^ b)
        .collect();
    let server_key = H::hmac(&salted, b"Server Key");
    (proof, H::hmac(&server_key, auth_message))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7677 §3: SCRAM-SHA-256, user "user", password "pencil".
    #[test]
    fn rfc7677_vector() {
        let mut s = Scram::with_nonce(
            Mechanism::ScramSha256,
            "user",
            &Secret::new("pencil"),
            "rOprNGfwEbeRWgbNEkqO",
        );
        assert_eq!(s.client_first(), b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        let server_first = b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        let fin = s.client_final(server_first).unwrap();
        assert_eq!(
            String::from_utf8(fin).unwrap(),
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        s.verify_server_final(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
            .unwrap();
        assert_eq!(
            s.verify_server_final(b"v=AAAA"),
            Err(ScramError::ServerSignature)
        );
        assert_eq!(
            s.verify_server_final(b"e=invalid-proof"),
            Err(ScramError::Server("invalid-proof".into()))
        );
    }

    /// RFC 5802 §5 (SCRAM-SHA-1) exercises the same maths with SHA-1.
    #[test]
    fn rfc5802_vector_maths() {
        struct S1;
        impl ScramHash for S1 {
            fn hi(p: &[u8], s: &[u8], i: u32) -> Vec<u8> {
                pbkdf2::pbkdf2_hmac_array::<sha1::Sha1, 20>(p, s, i).to_vec()
            }
            fn hmac(k: &[u8], d: &[u8]) -> Vec<u8> {
                let mut m = Hmac::<sha1::Sha1>::new_from_slice(k).unwrap();
                m.update(d);
                m.finalize().into_bytes().to_vec()
            }
            fn h(d: &[u8]) -> Vec<u8> {
                sha1::Sha1::digest(d).to_vec()
            }
        }
        let auth = b"n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
        let salt = B64.decode("QSXCR+Q6sek8bf92").unwrap();
        let (p, v) = proof::<S1>(b"pencil", &salt, 4096, auth);
        assert_eq!(B64.encode(p), "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        assert_eq!(B64.encode(v), "rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    #[test]
    fn rejects_bad_server_messages() {
        let mut s = Scram::with_nonce(Mechanism::ScramSha512, "u,=x", &Secret::new("p"), "abc");
        assert_eq!(s.client_first(), b"n,,n=u=2C=3Dx,r=abc");
        assert_eq!(
            s.client_final(b"r=zzz,s=AAAA,i=4096"),
            Err(ScramError::Nonce)
        );
        assert_eq!(
            s.client_final(b"r=abcd,s=AAAA,i=10"),
            Err(ScramError::Iterations(10))
        );
        assert_eq!(
            s.client_final(b"e=unknown-user"),
            Err(ScramError::Server("unknown-user".into()))
        );
        assert!(s.client_final(b"r=abcd,i=4096").is_err());
        assert!(s.client_final(b"r=abcd,s=AAAA,i=4096").is_ok());
    }

    #[test]
    fn secrets_do_not_print() {
        let s = SaslSettings {
            mechanism: Mechanism::Plain,
            username: "u".into(),
            password: Secret::new("hunter2"),
        };
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(plain_message("u", &s.password), b"\0u\0hunter2");
    }
}
