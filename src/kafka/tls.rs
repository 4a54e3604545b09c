//! TLS (rustls) for SSL / SASL_SSL listeners: CA file or system roots,
//! client certificate for mutual TLS, hostname verification that can be
//! turned off (`ssl.endpoint.identification.algorithm=`) and an explicit,
//! loud `--insecure-skip-verify`.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// TLS options from flags, properties or profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsSettings {
    /// PEM CA bundle; system roots when None.
    pub ca_file: Option<PathBuf>,
    pub cert_file: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
    /// Check that the certificate names the host we connect to.
    pub verify_hostname: bool,
    /// Accept any certificate.
    pub insecure_skip_verify: bool,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum TlsError {
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error("TLS setup: {0}")]
    Setup(String),
}

fn file_err(path: &Path, reason: impl Into<String>) -> TlsError {
    TlsError::File {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Read a PEM file; a JKS/PKCS12 store gets a "convert to PEM" explanation.
fn pem_bytes(path: &Path, what: &str) -> Result<Vec<u8>, TlsError> {
    let data = std::fs::read(path).map_err(|e| file_err(path, e.to_string()))?;
    if !data.windows(11).any(|w| w == b"-----BEGIN ") {
        let kind = if data.starts_with(&[0xFE, 0xED, 0xFE, 0xED]) {
            "a Java KeyStore (JKS)"
        } else if data.first() == Some(&0x30) {
            "a PKCS12/DER file"
        } else {
            "not PEM"
        };
        return Err(file_err(
            path,
            format!(
                "{what} is {kind}; groupctl reads PEM. {}",
                convert_hint(what)
            ),
        ));
    }
    Ok(data)
}

pub fn convert_hint(what: &str) -> &'static str {
    if what.contains("CA") || what.contains("trust") {
        "Convert with: keytool -exportcert -rfc -keystore truststore.jks -alias CARoot -file ca.pem (or: openssl pkcs12 -in truststore.p12 -nokeys -out ca.pem)"
    } else {
        "Convert with: openssl pkcs12 -in keystore.p12 -nokeys -out client.pem && openssl pkcs12 -in keystore.p12 -nocerts -nodes -out client.key (a JKS keystore: keytool -importkeystore -srckeystore keystore.jks -destkeystore keystore.p12 -deststoretype PKCS12 first)"
    }
}

fn certs(path: &Path, what: &str) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let data = pem_bytes(path, what)?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&data)
        .collect::<Result<_, _>>()
        .map_err(|e| file_err(path, format!("bad PEM certificate: {e}")))?;
    if certs.is_empty() {
        return Err(file_err(
            path,
            format!("no certificate in this {what} file"),
        ));
    }
    Ok(certs)
}

fn key(path: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let data = pem_bytes(path, "private key")?;
    if data.windows(9).any(|w| w == b"ENCRYPTED") {
        return Err(file_err(path, "the private key is encrypted; decrypt it with: openssl pkey -in client.key -out client-plain.key"));
    }
    PrivateKeyDer::from_pem_slice(&data)
        .map_err(|e| file_err(path, format!("no usable private key: {e}")))
}

/// Build the rustls client configuration.
pub fn client_config(s: &TlsSettings) -> Result<Arc<ClientConfig>, TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    match &s.ca_file {
        Some(ca) => {
            for c in certs(ca, "CA bundle")? {
                roots
                    .add(c)
                    .map_err(|e| file_err(ca, format!("unusable CA certificate: {e}")))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for c in found.certs {
                let _ = roots.add(c);
            }
            if roots.is_empty() && !s.insecure_skip_verify {
                return Err(TlsError::Setup(
                    "no system CA certificates found; give the brokers' CA with --ssl-ca FILE"
                        .into(),
                ));
            }
        }
    }
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Setup(e.to_string()))?;
    let builder = if s.insecure_skip_verify {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAny(provider.clone())))
    } else if !s.verify_hostname {
        let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .build()
        .map_err(|e| TlsError::Setup(e.to_string()))?;
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoHostname(inner)))
    } else {
        builder.with_root_certificates(roots)
    };
    let config = match (&s.cert_file, &s.key_file) {
        (Some(c), Some(k)) => builder
            .with_client_auth_cert(certs(c, "client certificate")?, key(k)?)
            .map_err(|e| file_err(c, format!("client certificate and key do not match: {e}")))?,
        (Some(c), None) => {
            return Err(file_err(
                c,
                "a client certificate needs its key: --ssl-key FILE (or ssl.key.location)",
            ))
        }
        (None, Some(k)) => {
            return Err(file_err(
                k,
                "a client key needs its certificate: --ssl-cert FILE",
            ))
        }
        (None, None) => builder.with_no_client_auth(),
    };
    Ok(Arc::new(config))
}

/// Server name to present and verify: the host part of host:port.
pub fn server_name(addr: &str) -> Result<ServerName<'static>, TlsError> {
    let host = match addr.rsplit_once(':') {
        Some((h, _)) => h.trim_start_matches('[').trim_end_matches(']'),
        None => addr,
    };
    ServerName::try_from(host.to_string())
        .map_err(|e| TlsError::Setup(format!("{host}: not a valid TLS server name: {e}")))
}

/// Checks the chain, not the name (`ssl.endpoint.identification.algorithm=`).
#[derive(Debug)]
struct NoHostname(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for NoHostname {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName))
            | Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }
    fn verify_tls12_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(m, c, d)
    }
    fn verify_tls13_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(m, c, d)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `--insecure-skip-verify`: signatures are still checked, certificates are not.
#[derive(Debug)]
struct AcceptAny(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AcceptAny {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(m, c, d, &self.0.signature_verification_algorithms)
    }
    fn verify_tls13_signature(
        &self,
        m: &[u8],
        c: &CertificateDer<'_>,
        d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(m, c, d, &self.0.signature_verification_algorithms)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
