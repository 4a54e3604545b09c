//! A TLS-terminating proxy (rustls) in front of the real test broker, which
//! cannot speak TLS itself, and test certificates made with rcgen.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

pub struct Certs {
    pub dir: tempfile::TempDir,
    /// PEM files for a Kafka listener (`ssl.keystore.type=PEM`): the private
    /// key (PKCS#8) then the certificate. `server_pem`: for localhost and
    /// 127.0.0.1; `expired_pem`: the same names, valid 2020-2021;
    /// `wrong_name_pem`: for kafka.internal.example.
    pub server_pem: PathBuf,
    pub expired_pem: PathBuf,
    pub wrong_name_pem: PathBuf,
    pub ca: PathBuf,
    pub other_ca: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
    wrong_name_chain: Vec<CertificateDer<'static>>,
    wrong_name_key: Vec<u8>,
    ca_der: CertificateDer<'static>,
}

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.distinguished_name.push(DnType::CommonName, name);
    let k = KeyPair::generate().unwrap();
    (p.self_signed(&k).unwrap(), k)
}

fn leaf(
    names: &[&str],
    cn: &str,
    ca: &rcgen::Certificate,
    ca_key: &KeyPair,
) -> (rcgen::Certificate, KeyPair) {
    let mut p =
        CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    p.distinguished_name.push(DnType::CommonName, cn);
    let k = KeyPair::generate().unwrap();
    (p.signed_by(&k, ca, ca_key).unwrap(), k)
}

pub fn certs() -> Certs {
    let dir = tempfile::tempdir().unwrap();
    let (ca_cert, ca_key) = ca("groupctl test CA");
    let (other, _) = ca("some other CA");
    let (server, server_key) = leaf(&["localhost", "127.0.0.1"], "broker", &ca_cert, &ca_key);
    let (wrong, wrong_key) = leaf(
        &["kafka.internal.example"],
        "kafka.internal.example",
        &ca_cert,
        &ca_key,
    );
    let (client, client_key) = leaf(&[], "groupctl-client", &ca_cert, &ca_key);
    let expired = {
        let mut p =
            CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
        p.distinguished_name
            .push(DnType::CommonName, "broker (expired)");
        p.not_before = rcgen::date_time_ymd(2020, 1, 1);
        p.not_after = rcgen::date_time_ymd(2021, 1, 1);
        let k = KeyPair::generate().unwrap();
        (p.signed_by(&k, &ca_cert, &ca_key).unwrap(), k)
    };
    let write = |name: &str, text: String| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    Certs {
        server_pem: write(
            "server-keystore.pem",
            format!("{}{}", server_key.serialize_pem(), server.pem()),
        ),
        expired_pem: write(
            "expired-keystore.pem",
            format!("{}{}", expired.1.serialize_pem(), expired.0.pem()),
        ),
        wrong_name_pem: write(
            "wrong-name-keystore.pem",
            format!("{}{}", wrong_key.serialize_pem(), wrong.pem()),
        ),
        ca: write("ca.pem", ca_cert.pem()),
        other_ca: write("other-ca.pem", other.pem()),
        client_cert: write("client.pem", client.pem()),
        client_key: write("client.key", client_key.serialize_pem()),
        server_chain: vec![server.der().clone()],
        server_key: server_key.serialize_der(),
        wrong_name_chain: vec![wrong.der().clone()],
        wrong_name_key: wrong_key.serialize_der(),
        ca_der: ca_cert.der().clone(),
        dir,
    }
}

pub enum ServerKind {
    Plain,
    RequireClientCert,
    WrongName,
}

fn server_config(c: &Certs, kind: ServerKind) -> Arc<rustls::ServerConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let b = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap();
    let b = match kind {
        ServerKind::RequireClientCert => {
            let mut roots = rustls::RootCertStore::empty();
            roots.add(c.ca_der.clone()).unwrap();
            let v = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .unwrap();
            b.with_client_cert_verifier(v)
        }
        _ => b.with_no_client_auth(),
    };
    let (chain, key) = match kind {
        ServerKind::WrongName => (c.wrong_name_chain.clone(), c.wrong_name_key.clone()),
        _ => (c.server_chain.clone(), c.server_key.clone()),
    };
    Arc::new(
        b.with_single_cert(chain, PrivateKeyDer::try_from(key).unwrap())
            .unwrap(),
    )
}

/// Accepts TLS on `listener` and forwards the plaintext to `upstream`, until the test ends.
pub fn proxy(listener: TcpListener, upstream: String, certs: &Certs, kind: ServerKind) {
    let config = server_config(certs, kind);
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let acceptor = tokio_rustls::TlsAcceptor::from(config);
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let (acceptor, upstream) = (acceptor.clone(), upstream.clone());
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let Ok(mut up) = tokio::net::TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut up).await;
                });
            }
        });
    });
}
