//! Effective settings for one invocation. Each value comes from the first
//! layer that has it: flag > --command-config file > environment > profile
//! (and the properties file the profile names) > default. `groupctl config
//! show` prints every value with its source, secrets masked.

pub mod properties;

use crate::cli::GlobalArgs;
use crate::kafka::config::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT};
use crate::kafka::{ClientConfig, Mechanism, SaslSettings, Secret, TlsSettings};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEFAULT_BOOTSTRAP: &str = "localhost:9092";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Settings keys, in the order `config show` prints them.
const KEYS: &[&str] = &[
    "bootstrap",
    "security_protocol",
    "sasl_mechanism",
    "sasl_username",
    "sasl_password",
    "ssl_ca",
    "ssl_cert",
    "ssl_key",
    "ssl_endpoint_identification",
    "insecure_skip_verify",
    "client_id",
    "timeout",
    "connect_timeout",
    "request_timeout",
    "tenant_prefix",
];

const SECRET_KEYS: &[&str] = &["sasl_password"];

/// Why the settings cannot be used; each is the user's to fix (a usage error).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A file groupctl was told to read (properties, config) cannot be read or parsed.
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error(transparent)]
    Properties(#[from] properties::PropertiesError),
    #[error(transparent)]
    Mechanism(#[from] crate::kafka::sasl::MechanismError),
    /// A profile that cannot be used.
    #[error("{0}")]
    Profile(String),
    /// A setting's value is wrong, or one that is needed is missing.
    #[error("{0}")]
    Setting(String),
}

/// Everything the Kafka client layer needs to connect.
#[derive(Debug, Clone)]
pub struct Settings {
    pub bootstrap: Vec<String>,
    pub timeout: Duration,
    /// Per broker: TCP/TLS connect, and one request (handshake included).
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub client_id: String,
    pub security_protocol: String,
    pub tls: Option<TlsSettings>,
    pub sasl: Option<SaslSettings>,
    pub tenant_prefix: Option<String>,
    pub profile: Option<String>,
    pub config_file: Option<PathBuf>,
    /// key -> (value, source), secrets masked.
    pub effective: Vec<Effective>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Effective {
    pub key: &'static str,
    pub value: Option<String>,
    pub source: String,
}

struct Layer {
    source: String,
    values: BTreeMap<&'static str, String>,
}

/// `$GROUPCTL_CONFIG`, else `$XDG_CONFIG_HOME/groupctl/config.toml`, else `~/.config/groupctl/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GROUPCTL_CONFIG") {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("groupctl").join("config.toml"))
}

/// Where backups go without `--backup-dir`: `$XDG_STATE_HOME/groupctl/backups`,
/// else `~/.local/state/groupctl/backups`. The user's state directory, not
/// the current one, so that a run from a repository leaves nothing in it.
pub fn default_backup_dir() -> Option<PathBuf> {
    Some(state_dir()?.join("backups"))
}

/// `$XDG_STATE_HOME/groupctl`, else `~/.local/state/groupctl`.
pub fn state_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("state"))
        })?;
    Some(base.join("groupctl"))
}

fn flags_layer(g: &GlobalArgs) -> Layer {
    let mut v = BTreeMap::new();
    let mut put = |k: &'static str, x: Option<String>| {
        if let Some(x) = x {
            v.insert(k, x);
        }
    };
    put("bootstrap", g.bootstrap_server.clone());
    put("security_protocol", g.security_protocol.clone());
    put("sasl_mechanism", g.sasl_mechanism.clone());
    put("sasl_username", g.sasl_username.clone());
    put("ssl_ca", g.ssl_ca.as_ref().map(|p| p.display().to_string()));
    put(
        "ssl_cert",
        g.ssl_cert.as_ref().map(|p| p.display().to_string()),
    );
    put(
        "ssl_key",
        g.ssl_key.as_ref().map(|p| p.display().to_string()),
    );
    put(
        "insecure_skip_verify",
        g.insecure_skip_verify.then(|| "true".to_string()),
    );
    let duration = |d: Option<Duration>| d.map(|d| humantime::format_duration(d).to_string());
    put("timeout", duration(g.timeout));
    put("connect_timeout", duration(g.connect_timeout));
    put("request_timeout", duration(g.request_timeout));
    put("tenant_prefix", g.tenant_prefix.clone());
    Layer {
        source: "flag".into(),
        values: v,
    }
}

/// One layer per variable, so `config show` names the variable.
fn env_layers() -> Vec<Layer> {
    let mut out = Vec::new();
    for (key, var) in [
        ("bootstrap", "GROUPCTL_BOOTSTRAP_SERVER"),
        ("security_protocol", "GROUPCTL_SECURITY_PROTOCOL"),
        ("sasl_mechanism", "GROUPCTL_SASL_MECHANISM"),
        ("sasl_username", "GROUPCTL_SASL_USERNAME"),
        ("sasl_password", "GROUPCTL_SASL_PASSWORD"),
        ("timeout", "GROUPCTL_TIMEOUT"),
        ("connect_timeout", "GROUPCTL_CONNECT_TIMEOUT"),
        ("request_timeout", "GROUPCTL_REQUEST_TIMEOUT"),
        ("tenant_prefix", "GROUPCTL_TENANT_PREFIX"),
    ] {
        if let Ok(x) = std::env::var(var) {
            if !x.is_empty() {
                out.push(Layer {
                    source: format!("env {var}"),
                    values: BTreeMap::from([(key, x)]),
                });
            }
        }
    }
    out
}

/// Properties keys groupctl has no use for but that client files often carry.
const HARMLESS: &[&str] = &[
    "group.id",
    "retries",
    "retry.backoff.ms",
    "metadata.max.age.ms",
    "connections.max.idle.ms",
    "reconnect.backoff.ms",
    "reconnect.backoff.max.ms",
    "ssl.protocol",
    "ssl.enabled.protocols",
    "ssl.truststore.password",
    "ssl.keystore.password",
    "ssl.key.password",
    "sasl.client.callback.handler.class",
    "sasl.login.callback.handler.class",
];

fn properties_layer(
    path: &Path,
    source: String,
    warnings: &mut Vec<String>,
) -> Result<Layer, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        path: shown.clone(),
        reason: e.to_string(),
    })?;
    let props = properties::parse(&shown, &text)?;
    let mut v = BTreeMap::new();
    let get = |k: &str| props.get(k).map(|(x, _)| x.clone());
    for (key, (value, line)) in &props {
        let mapped: Option<&'static str> = match key.as_str() {
            "bootstrap.servers" => Some("bootstrap"),
            "security.protocol" => Some("security_protocol"),
            "sasl.mechanism" => Some("sasl_mechanism"),
            "sasl.username" => Some("sasl_username"),
            "sasl.password" => Some("sasl_password"),
            "ssl.ca.location" => Some("ssl_ca"),
            "ssl.certificate.location" => Some("ssl_cert"),
            "ssl.key.location" => Some("ssl_key"),
            "client.id" => Some("client_id"),
            "ssl.endpoint.identification.algorithm" => {
                v.insert(
                    "ssl_endpoint_identification",
                    (!value.is_empty()).to_string(),
                );
                None
            }
            // As in Kafka's clients: the whole call, one request, one connect.
            "default.api.timeout.ms"
            | "request.timeout.ms"
            | "socket.connection.setup.timeout.ms" => {
                let ms: u64 = value.parse().map_err(|_| {
                    ConfigError::Setting(format!(
                        "{shown}: line {line}: {key} must be milliseconds, found {value:?}"
                    ))
                })?;
                let setting = match key.as_str() {
                    "default.api.timeout.ms" => "timeout",
                    "request.timeout.ms" => "request_timeout",
                    _ => "connect_timeout",
                };
                v.insert(
                    setting,
                    humantime::format_duration(Duration::from_millis(ms)).to_string(),
                );
                None
            }
            "sasl.jaas.config" => {
                let (user, pass) = properties::jaas_credentials(value);
                if let Some(u) = user {
                    v.insert("sasl_username", u);
                }
                if let Some(p) = pass {
                    v.insert("sasl_password", p);
                }
                None
            }
            "ssl.truststore.location" => {
                let kind = get("ssl.truststore.type").unwrap_or_else(|| "PEM".into());
                if !kind.eq_ignore_ascii_case("PEM") {
                    return Err(ConfigError::Setting(format!(
                        "{shown}: line {line}: ssl.truststore.type {kind} is not supported, groupctl reads PEM. {}",
                        crate::kafka::tls::convert_hint("CA")
                    )));
                }
                Some("ssl_ca")
            }
            "ssl.keystore.location" => {
                let kind = get("ssl.keystore.type").unwrap_or_else(|| "PEM".into());
                if !kind.eq_ignore_ascii_case("PEM") {
                    return Err(ConfigError::Setting(format!(
                        "{shown}: line {line}: ssl.keystore.type {kind} is not supported, groupctl reads PEM. {}",
                        crate::kafka::tls::convert_hint("keystore")
                    )));
                }
                // A PEM keystore holds the certificate chain and the key.
                v.insert("ssl_key", value.clone());
                Some("ssl_cert")
            }
            "ssl.truststore.type" | "ssl.keystore.type" => None,
            k if HARMLESS.contains(&k) => None,
            other => {
                warnings.push(format!(
                    "{shown}: line {line}: ignoring {other} (not used by groupctl)"
                ));
                None
            }
        };
        if let Some(m) = mapped {
            v.insert(m, value.clone());
        }
    }
    if v.contains_key("sasl_password") {
        warn_if_others_can_read(path, warnings);
    }
    Ok(Layer { source, values: v })
}

/// A file holding a password that other local users can read is warned
/// about, as ssh does for keys (the password is used all the same).
fn warn_if_others_can_read(path: &Path, warnings: &mut Vec<String>) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o044 != 0 {
                warnings.push(format!(
                    "{} holds a password and can be read by other users (mode {mode:03o}): chmod 600 {}",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
}

/// The config file, parsed: None when there is none (no HOME, no file). A
/// file that exists but cannot be read or parsed is an error naming the file
/// and the line, whichever command runs: it is never silently ignored.
fn load_config_file() -> Result<Option<(PathBuf, toml::Table)>, ConfigError> {
    let Some(path) = config_path() else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(ConfigError::File {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let doc: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|r| text[..r.start.min(text.len())].matches('\n').count() + 1);
        ConfigError::File {
            path: path.display().to_string(),
            reason: match line {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_string(),
            },
        }
    })?;
    Ok(Some((path, doc)))
}

fn profile_layers(
    name: &str,
    config: Option<&(PathBuf, toml::Table)>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Layer>, ConfigError> {
    let Some((path, doc)) = config else {
        return Err(ConfigError::Profile(match config_path() {
            Some(p) => format!("--profile {name}: there is no config file {}", p.display()),
            None => format!("--profile {name}: no config file location (HOME is not set)"),
        }));
    };
    let profiles = doc.get("profiles").and_then(|p| p.as_table());
    let Some(p) = profiles
        .and_then(|ps| ps.get(name))
        .and_then(|p| p.as_table())
    else {
        let known: Vec<&String> = profiles.map(|ps| ps.keys().collect()).unwrap_or_default();
        return Err(ConfigError::Profile(format!(
            "profile {name:?} is not in {} (profiles: {})",
            path.display(),
            if known.is_empty() {
                "none".to_string()
            } else {
                known
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        )));
    };
    let source = format!("profile {name}");
    let mut v = BTreeMap::new();
    let mut layers = Vec::new();
    for (k, val) in p {
        let text = match val {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if k == "command_config" {
            let base = path.parent().unwrap_or(Path::new("."));
            let file = base.join(&text);
            layers.push(properties_layer(
                &file,
                format!("{source} ({})", file.display()),
                warnings,
            )?);
            continue;
        }
        if k == "sasl_password_env" {
            match std::env::var(&text) {
                Ok(pw) => {
                    v.insert("sasl_password", pw);
                }
                Err(_) => warnings.push(format!(
                    "{source}: sasl_password_env names {text}, which is not set"
                )),
            }
            continue;
        }
        match KEYS.iter().find(|x| **x == k) {
            Some(key) => {
                v.insert(*key, text);
            }
            None => warnings.push(format!(
                "{}: [profiles.{name}] ignoring unknown key {k}",
                path.display()
            )),
        }
    }
    if v.contains_key("sasl_password") {
        warn_if_others_can_read(path, warnings);
    }
    layers.insert(0, Layer { source, values: v });
    Ok(layers)
}

/// `HOST:PORT,...` checked before anything connects: a malformed address is
/// a usage error naming it, not a connection failure.
fn bootstrap_list(text: &str) -> Result<Vec<String>, ConfigError> {
    let list: Vec<String> = text
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        return Err(ConfigError::Setting(
            "no bootstrap server: give -b HOST:PORT (e.g. kafka-1:9092)".into(),
        ));
    }
    for addr in &list {
        let bad = |why: &str| {
            ConfigError::Setting(format!(
                "invalid bootstrap server {addr:?}: {why}; expected HOST:PORT (e.g. kafka-1:9092, [::1]:9092)"
            ))
        };
        let Some((host, port)) = addr.rsplit_once(':') else {
            return Err(bad("no port"));
        };
        let host_ok = if let Some(inner) = host.strip_prefix('[') {
            inner
                .strip_suffix(']')
                .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
        } else {
            !host.is_empty()
                && !host.contains(':')
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
        };
        if !host_ok {
            return Err(bad("not a host name or address"));
        }
        match port.parse::<u16>() {
            Ok(p) if p > 0 => {}
            _ => return Err(bad("the port is not a number from 1 to 65535")),
        }
    }
    Ok(list)
}

fn truthy(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "https"
    )
}

impl Settings {
    /// Resolve the effective settings from flags, the properties file, env, profile and defaults.
    pub fn resolve(global: &GlobalArgs) -> Result<Settings, ConfigError> {
        Self::resolve_with(global, false)
    }

    /// For `config show`: settings that cannot connect (SASL without a user
    /// name or password) are still shown, with the problem as a warning.
    pub fn resolve_for_show(global: &GlobalArgs) -> Result<Settings, ConfigError> {
        Self::resolve_with(global, true)
    }

    fn resolve_with(global: &GlobalArgs, lenient: bool) -> Result<Settings, ConfigError> {
        let mut warnings = Vec::new();
        let mut layers = vec![flags_layer(global)];
        if let Some(cc) = &global.command_config {
            layers.push(properties_layer(
                cc,
                format!("--command-config {}", cc.display()),
                &mut warnings,
            )?);
        }
        layers.extend(env_layers());
        let config = load_config_file()?;
        let profile = match &global.profile {
            Some(p) => Some(p.clone()),
            None => config.as_ref().and_then(|(_, doc)| default_profile(doc)),
        };
        if let Some(name) = &profile {
            layers.extend(profile_layers(name, config.as_ref(), &mut warnings)?);
        }
        let mut defaults = BTreeMap::new();
        defaults.insert("bootstrap", DEFAULT_BOOTSTRAP.to_string());
        defaults.insert("client_id", "groupctl".to_string());
        defaults.insert("timeout", "30s".to_string());
        defaults.insert(
            "connect_timeout",
            humantime::format_duration(DEFAULT_CONNECT_TIMEOUT).to_string(),
        );
        defaults.insert(
            "request_timeout",
            humantime::format_duration(DEFAULT_REQUEST_TIMEOUT).to_string(),
        );
        defaults.insert("ssl_endpoint_identification", "true".to_string());
        layers.push(Layer {
            source: "default".into(),
            values: defaults,
        });

        let mut effective = Vec::new();
        let mut value: BTreeMap<&'static str, String> = BTreeMap::new();
        for key in KEYS {
            let found = layers
                .iter()
                .find_map(|l| l.values.get(key).map(|v| (v.clone(), l.source.clone())));
            let shown = found.as_ref().map(|(v, _)| {
                if SECRET_KEYS.contains(key) {
                    "****".to_string()
                } else {
                    v.clone()
                }
            });
            effective.push(Effective {
                key,
                value: shown,
                source: found.as_ref().map_or("-".into(), |(_, s)| s.clone()),
            });
            if let Some((v, _)) = found {
                value.insert(key, v);
            }
        }
        let get = |k: &str| value.get(k).cloned();

        let duration = |key: &str, default: Duration| -> Result<Duration, ConfigError> {
            let Some(t) = get(key) else {
                return Ok(default);
            };
            let d = crate::cli::parse_duration(&t)
                .map_err(|e| ConfigError::Setting(format!("{key} {t:?}: {e}")))?;
            if d.is_zero() {
                return Err(ConfigError::Setting(format!(
                    "{key} {t:?}: must be more than 0"
                )));
            }
            Ok(d)
        };
        let timeout = duration("timeout", DEFAULT_TIMEOUT)?;
        let connect_timeout = duration("connect_timeout", DEFAULT_CONNECT_TIMEOUT)?;
        let request_timeout = duration("request_timeout", DEFAULT_REQUEST_TIMEOUT)?;
        let has_tls_opts = ["ssl_ca", "ssl_cert", "ssl_key"]
            .iter()
            .any(|k| value.contains_key(k))
            || global.insecure_skip_verify;
        let has_sasl_opts = ["sasl_mechanism", "sasl_username"]
            .iter()
            .any(|k| value.contains_key(k));
        let protocol = match get("security_protocol") {
            Some(p) => {
                let p = p.to_ascii_uppercase();
                if !["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"].contains(&p.as_str()) {
                    return Err(ConfigError::Setting(format!("security protocol {p:?}: expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL")));
                }
                p
            }
            // Inferred from the options given, so `--ssl-ca ca.pem` alone means TLS.
            None => match (has_sasl_opts, has_tls_opts) {
                (true, true) => "SASL_SSL",
                (true, false) => "SASL_PLAINTEXT",
                (false, true) => "SSL",
                (false, false) => "PLAINTEXT",
            }
            .to_string(),
        };
        if let Some(e) = effective.iter_mut().find(|e| e.key == "security_protocol") {
            if e.value.is_none() {
                e.value = Some(protocol.clone());
                e.source = "inferred".into();
            }
        }
        let tls = if protocol.ends_with("SSL") {
            let insecure = get("insecure_skip_verify").is_some_and(|v| truthy(&v));
            let verify_hostname = get("ssl_endpoint_identification").is_none_or(|v| truthy(&v));
            if insecure {
                warnings.push("--insecure-skip-verify: broker certificates are NOT verified; anyone in the path can read and change this session".into());
            } else if !verify_hostname {
                warnings.push("ssl.endpoint.identification.algorithm is empty: broker certificates are checked, their host names are not".into());
            }
            Some(TlsSettings {
                ca_file: get("ssl_ca").map(PathBuf::from),
                cert_file: get("ssl_cert").map(PathBuf::from),
                key_file: get("ssl_key").map(PathBuf::from),
                verify_hostname,
                insecure_skip_verify: insecure,
            })
        } else {
            for k in ["ssl_ca", "ssl_cert", "ssl_key"] {
                if value.contains_key(k) {
                    warnings.push(format!(
                        "{k} is set but security protocol {protocol} does not use TLS"
                    ));
                }
            }
            None
        };
        let sasl = (|| {
            if !protocol.starts_with("SASL") {
                return Ok(None);
            }
            let mechanism = get("sasl_mechanism").ok_or_else(|| {
                ConfigError::Setting(format!("security protocol {protocol} needs a SASL mechanism: --sasl-mechanism, sasl.mechanism or a profile's sasl_mechanism"))
            })?;
            let mechanism = Mechanism::parse(&mechanism)?;
            let username = get("sasl_username").ok_or_else(|| {
                ConfigError::Setting("SASL needs a user name: --sasl-username, GROUPCTL_SASL_USERNAME, sasl.jaas.config or a profile".into())
            })?;
            let password = get("sasl_password").ok_or_else(|| {
                ConfigError::Setting("SASL needs a password: GROUPCTL_SASL_PASSWORD, sasl.jaas.config / sasl.password in --command-config, or a profile's sasl_password(_env)".into())
            })?;
            Ok(Some(SaslSettings {
                mechanism,
                username,
                password: Secret::new(password),
            }))
        })();
        let sasl = match sasl {
            Err(e @ (ConfigError::Setting(_) | ConfigError::Mechanism(_))) if lenient => {
                warnings.push(format!("this configuration cannot connect: {e}"));
                None
            }
            other => other?,
        };
        let bootstrap = bootstrap_list(&get("bootstrap").unwrap_or_default())?;
        Ok(Settings {
            bootstrap,
            timeout,
            connect_timeout,
            request_timeout,
            client_id: get("client_id").unwrap_or_else(|| "groupctl".into()),
            security_protocol: protocol,
            tls,
            sasl,
            tenant_prefix: get("tenant_prefix").filter(|p| !p.is_empty()),
            profile,
            config_file: config_path(),
            effective,
            warnings,
        })
    }
}

impl Settings {
    /// What the Kafka client needs from these settings (the tenant prefix is
    /// the admin layer's, not the client's).
    pub fn client_config(&self) -> ClientConfig {
        ClientConfig {
            bootstrap: self.bootstrap.clone(),
            client_id: self.client_id.clone(),
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            request_timeout: self.request_timeout,
            tls: self.tls.clone(),
            sasl: self.sasl.clone(),
            ..ClientConfig::default()
        }
    }
}

/// `default_profile = "NAME"` at the top of the config file.
fn default_profile(doc: &toml::Table) -> Option<String> {
    doc.get("default_profile")?.as_str().map(String::from)
}
