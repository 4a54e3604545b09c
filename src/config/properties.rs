//! Kafka client `.properties` files, as `kafka-consumer-groups.sh
//! --command-config` takes them: `key=value` (or `key: value`), `#`/`!`
//! comments, `\` line continuation.

use std::collections::BTreeMap;

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("{path}: line {line}: {message}")]
pub struct PropertiesError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// key -> (value, line).
pub fn parse(path: &str, text: &str) -> Result<BTreeMap<String, (String, usize)>, PropertiesError> {
    let mut out = BTreeMap::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate();
    while let Some((i, raw)) = lines.next() {
        let mut line = raw.trim_start().to_string();
        if line.is_empty() || line.starts_with('#') || line.starts_with('!') {
            continue;
        }
        // An odd number of trailing backslashes continues the line.
        while line.ends_with('\\') && (line.len() - line.trim_end_matches('\\').len()) % 2 == 1 {
            line.pop();
            match lines.next() {
                Some((_, next)) => line.push_str(next.trim_start()),
                None => break,
            }
        }
        let sep = line.find(['=', ':']).ok_or_else(|| PropertiesError {
            path: path.to_string(),
            line: i + 1,
            message: format!(
                "expected key=value, found {:?}",
                line.chars().take(40).collect::<String>()
            ),
        })?;
        let key = line[..sep].trim().to_string();
        let value = line[sep + 1..].trim().to_string();
        if key.is_empty() {
            return Err(PropertiesError {
                path: path.to_string(),
                line: i + 1,
                message: "empty key".into(),
            });
        }
        out.insert(key, (value, i + 1));
    }
    Ok(out)
}

/// `username="x" password="y"` out of a `sasl.jaas.config` value.
pub fn jaas_credentials(jaas: &str) -> (Option<String>, Option<String>) {
    let field = |name: &str| -> Option<String> {
        let mut rest = jaas;
        while let Some(i) = rest.find(name) {
            let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
            let after = rest[i + name.len()..].trim_start();
            if before_ok {
                if let Some(v) = after.strip_prefix('=') {
                    let v = v.trim_start();
                    if let Some(q) = v.strip_prefix('"') {
                        let mut val = String::new();
                        let mut chars = q.chars();
                        while let Some(c) = chars.next() {
                            match c {
                                '\\' => val.extend(chars.next()),
                                '"' => return Some(val),
                                c => val.push(c),
                            }
                        }
                        return None;
                    }
                    let end = v.find([' ', ';', '\t']).unwrap_or(v.len());
                    return Some(v[..end].to_string());
                }
            }
            rest = &rest[i + name.len()..];
        }
        None
    };
    (field("username"), field("password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_java_format() {
        let p = parse(
            "c.properties",
            "# comment\n! also\nbootstrap.servers = a:9092,\\\n   b:9092\nsecurity.protocol:SASL_SSL\n\nclient.id=ops\n",
        )
        .unwrap();
        assert_eq!(p["bootstrap.servers"].0, "a:9092,b:9092");
        assert_eq!(p["security.protocol"], ("SASL_SSL".to_string(), 5));
        assert_eq!(p["client.id"].0, "ops");
        let e = parse("c.properties", "ok=1\nnot a property\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn reads_jaas_credentials() {
        let j = r#"org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="s3cr\"et";"#;
        assert_eq!(
            jaas_credentials(j),
            (Some("ops".into()), Some("s3cr\"et".into()))
        );
        let j = "org.apache.kafka.common.security.plain.PlainLoginModule required username=alice password=pw;";
        assert_eq!(
            jaas_credentials(j),
            (Some("alice".into()), Some("pw".into()))
        );
    }
}
