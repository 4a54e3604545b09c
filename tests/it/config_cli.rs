//! Where settings come from (flag, then --command-config, environment,
//! profile, default) as `config show` reports them; properties and profile
//! errors; colour only on a terminal and never with NO_COLOR / --no-color.

use crate::common;
use common::groupctl;
use serde_json::Value;
use std::path::Path;

fn show(c: &mut assert_cmd::Command) -> Value {
    let o = c.args(["config", "show", "--json"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut m = serde_json::Map::new();
    for s in v["settings"].as_array().unwrap() {
        m.insert(
            s["key"].as_str().unwrap().to_string(),
            serde_json::json!([s["value"], s["source"]]),
        );
    }
    m.insert("_profile".into(), v["profile"].clone());
    Value::Object(m)
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "default_profile = \"dev\"\n\n[profiles.dev]\nbootstrap = \"dev-kafka:9092\"\ntimeout = \"7s\"\nclient_id = \"from-dev\"\n\n\
         [profiles.prod]\nbootstrap = \"prod-kafka:9093\"\ntimeout = \"9s\"\ntenant_prefix = \"acme.\"\ncommand_config = \"prod.properties\"\n",
    )
    .unwrap();
    let props = dir.path().join("prod.properties");
    std::fs::write(&props, "client.id=from-prod-properties\ndefault.api.timeout.ms=11000\nbootstrap.servers=props-kafka:9092\n").unwrap();
    let cc = dir.path().join("cc.properties");
    std::fs::write(
        &cc,
        "bootstrap.servers=cc-kafka:9092\ndefault.api.timeout.ms=12000\n",
    )
    .unwrap();
    (dir, cfg, cc)
}

#[test]
fn precedence_flag_command_config_env_profile_default() {
    let (_d, cfg, cc) = setup();
    // Default profile from the file.
    let v = show(groupctl().env("GROUPCTL_CONFIG", &cfg));
    assert_eq!(v["_profile"], "dev");
    assert_eq!(
        v["bootstrap"],
        serde_json::json!(["dev-kafka:9092", "profile dev"])
    );
    assert_eq!(
        v["client_id"],
        serde_json::json!(["from-dev", "profile dev"])
    );
    assert_eq!(
        v["security_protocol"],
        serde_json::json!(["PLAINTEXT", "inferred"])
    );
    // A profile's own keys beat the properties file it names; the file fills the rest.
    let v = show(
        groupctl()
            .env("GROUPCTL_CONFIG", &cfg)
            .env("GROUPCTL_PROFILE", "prod"),
    );
    assert_eq!(v["bootstrap"][0], "prod-kafka:9093");
    assert_eq!(v["client_id"][0], "from-prod-properties");
    assert_eq!(v["timeout"][0], "9s");
    assert_eq!(v["tenant_prefix"][0], "acme.");
    // Env beats profile.
    let v = show(
        groupctl()
            .env("GROUPCTL_CONFIG", &cfg)
            .env("GROUPCTL_BOOTSTRAP_SERVER", "env-kafka:9092")
            .env("GROUPCTL_TIMEOUT", "3s")
            .args(["--profile", "prod"]),
    );
    assert_eq!(
        v["bootstrap"],
        serde_json::json!(["env-kafka:9092", "env GROUPCTL_BOOTSTRAP_SERVER"])
    );
    assert_eq!(v["timeout"][0], "3s");
    // --command-config beats env.
    let v = show(
        groupctl()
            .env("GROUPCTL_CONFIG", &cfg)
            .env("GROUPCTL_BOOTSTRAP_SERVER", "env-kafka:9092")
            .args(["--command-config", cc.to_str().unwrap()]),
    );
    assert_eq!(v["bootstrap"][0], "cc-kafka:9092");
    assert_eq!(v["timeout"][0], "12s");
    // A flag beats everything.
    let v = show(
        groupctl()
            .env("GROUPCTL_CONFIG", &cfg)
            .env("GROUPCTL_BOOTSTRAP_SERVER", "env-kafka:9092")
            .args([
                "--command-config",
                cc.to_str().unwrap(),
                "-b",
                "flag-kafka:9092",
                "--timeout",
                "2s",
            ]),
    );
    assert_eq!(
        v["bootstrap"],
        serde_json::json!(["flag-kafka:9092", "flag"])
    );
    assert_eq!(v["timeout"], serde_json::json!(["2s", "flag"]));
    // No config file at all: defaults.
    let v = show(groupctl().env("GROUPCTL_CONFIG", Path::new("/nonexistent/config.toml")));
    assert_eq!(
        v["bootstrap"],
        serde_json::json!(["localhost:9092", "default"])
    );
    assert_eq!(v["timeout"], serde_json::json!(["30s", "default"]));
}

#[test]
fn config_errors_are_usage_errors() {
    let (d, cfg, _) = setup();
    let o = groupctl()
        .env("GROUPCTL_CONFIG", &cfg)
        .args(["--profile", "staging", "config", "show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("profile \"staging\" is not in") && err.contains("dev, prod"),
        "{err}"
    );
    let bad = d.path().join("bad.properties");
    std::fs::write(&bad, "security.protocol=SSL\nthis line is wrong\n").unwrap();
    let o = groupctl()
        .env("GROUPCTL_CONFIG", &cfg)
        .args(["--command-config", bad.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 2"));
    std::fs::write(&bad, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n").unwrap();
    let o = groupctl()
        .env("GROUPCTL_CONFIG", &cfg)
        .args(["--command-config", bad.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("SASL needs a user name"));
    std::fs::write(&cfg, "[profiles.x\nbootstrap=").unwrap();
    let o = groupctl()
        .env("GROUPCTL_CONFIG", &cfg)
        .args(["--profile", "x", "config", "show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim().lines().count(), 1);
}

#[test]
fn config_show_says_what_is_not_set_even_when_it_cannot_connect() {
    // SASL without a password: every broker command refuses, but `config show`
    // is how one finds out why, so it shows the settings and names the problem.
    let args = [
        "--sasl-mechanism",
        "SCRAM-SHA-256",
        "--sasl-username",
        "ops",
    ];
    let o = groupctl()
        .args(args)
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    let row = |key: &str| -> Vec<String> {
        let line = out.lines().find(|l| l.starts_with(key)).unwrap_or_default();
        let cols: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        cols.iter().map(|c| c.to_string()).collect()
    };
    assert_eq!(
        row("sasl_password "),
        ["sasl_password", "not set", "-"],
        "{out}"
    );
    assert_eq!(
        row("sasl_username "),
        ["sasl_username", "ops", "flag"],
        "{out}"
    );
    assert_eq!(row("ssl_ca "), ["ssl_ca", "not set", "-"], "{out}");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "warning: this configuration cannot connect: SASL needs a password: GROUPCTL_SASL_PASSWORD, sasl.jaas.config / sasl.password in --command-config, or a profile's sasl_password(_env)\n"
    );
    let v = show(groupctl().args(args));
    assert_eq!(v["sasl_password"], serde_json::json!([null, "-"]));
    // Any command that would connect still refuses it.
    let o = groupctl().args(args).arg("list").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// Runs the command on a pseudo-terminal (util-linux `script`) and returns what it printed.
fn on_tty(args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("groupctl");
    let mut c = common::pinned(std::process::Command::new("script"));
    c.args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    String::from_utf8_lossy(&c.output().expect("script (util-linux) runs").stdout).into_owned()
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let args = "wal inspect tests/fixtures/wal/offsets-torn.log --from-offset 13";
    assert!(
        on_tty(args, &[]).contains("\x1b["),
        "a terminal gets colour"
    );
    assert!(
        !on_tty(args, &[("NO_COLOR", "1")]).contains("\x1b["),
        "NO_COLOR"
    );
    assert!(
        !on_tty(&format!("{args} --no-color"), &[]).contains("\x1b["),
        "--no-color"
    );
    let o = groupctl()
        .env_remove("NO_COLOR")
        .args(args.split(' '))
        .output()
        .unwrap();
    let all = [o.stdout, o.stderr].concat();
    assert!(
        !String::from_utf8_lossy(&all).contains("\x1b["),
        "piped: no colour, no progress bar"
    );
    assert_eq!(o.status.code(), Some(4));
    // --json never mixes warnings into stdout.
    let o = groupctl()
        .args([
            "wal",
            "replay",
            "tests/fixtures/wal/offsets-torn.log",
            "--json",
        ])
        .output()
        .unwrap();
    serde_json::from_slice::<Value>(&o.stdout).expect("stdout is one JSON document");
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning:"));
}

/// A config file that exists but does not parse is a usage error naming the
/// file and the line, for every command that reads settings (it used to be
/// ignored unless a profile was named: `list` then went to localhost:9092).
/// The same for a `--command-config` properties file.
#[test]
fn a_config_file_that_does_not_parse_is_a_usage_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "default_profile = \"dev\"\n[profiles.dev]\nbootstrap = \"dev:9092\nx = 1\n",
    )
    .unwrap();
    let props = dir.path().join("bad.properties");
    std::fs::write(
        &props,
        "bootstrap.servers=a:9092\nthis line has no separator\n",
    )
    .unwrap();
    let commands: &[&[&str]] = &[
        &["config", "show"],
        &["config", "show", "--json"],
        &["list"],
        &["describe", "g"],
        &["offsets", "fetch", "g"],
        &["reset-offsets", "g", "--all-topics", "--to-earliest"],
        &["delete", "g", "--yes"],
        &["top", "--count", "1"],
    ];
    for args in commands {
        let out = groupctl()
            .env("GROUPCTL_CONFIG", &cfg)
            .args(*args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("{}: line 3:", cfg.display())),
            "{args:?}: {err}"
        );
        let out = groupctl()
            .args(["--command-config", props.to_str().unwrap()])
            .args(*args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("{}: line 2:", props.display())),
            "{args:?}: {err}"
        );
    }
}
