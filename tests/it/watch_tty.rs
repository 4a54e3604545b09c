//! The live view on a real pseudo-terminal: tmux runs groupctl in a pane of
//! known size; `capture-pane` shows what a person would see, and tmux's
//! pane flags say whether the alternate screen is on and the cursor shown.

use crate::common;
use crate::watch_support;

use common::{commit, create_topic, pinned, unique, Broker};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server of its own (its own socket, no user config) with one pane.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// tmux is part of the test setup (`scripts/test` installs it): its
    /// absence fails the test, it is never a pass.
    fn require() {
        let ok = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(
            ok,
            "tmux is not installed: scripts/test installs it (apt-get install tmux)"
        );
    }

    /// `command` in a `width` x `height` pane, with the environment tests give groupctl.
    fn start(command: &str, width: u16, height: u16) -> Tmux {
        let socket = format!(
            "groupctl-test-{}-{:08x}",
            std::process::id(),
            fastrand::u32(..)
        );
        let t = Tmux { socket };
        let status = t
            .tmux()
            .args(["new-session", "-d", "-s", "t", "-x", &width.to_string()])
            .args(["-y", &height.to_string(), command])
            .status()
            .unwrap();
        assert!(status.success(), "tmux new-session");
        t
    }

    fn tmux(&self) -> Command {
        let mut c = pinned(Command::new("tmux"));
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.tmux().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The pane as it is on screen, one string per row.
    fn screen(&self) -> Vec<String> {
        self.run(&["capture-pane", "-p", "-t", "t"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// A pane flag (`alternate_on`, `cursor_flag`, `history_size`).
    fn flag(&self, name: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", &format!("#{{{name}}}")])
            .trim()
            .to_string()
    }

    fn keys(&self, keys: &str) {
        self.run(&["send-keys", "-t", "t", keys]);
    }

    fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&[String]) -> bool) -> Vec<String> {
        let started = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{what}: not on screen within 20 s:\n{}",
                screen.join("\n")
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux().args(["kill-server"]).status();
    }
}

fn shell_command(args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("groupctl");
    format!(
        "{} {}; echo exited=$?; sleep 60",
        bin.display(),
        args.join(" ")
    )
}

fn has(screen: &[String], text: &str) -> bool {
    screen.iter().any(|l| l.contains(text))
}

#[test]
fn refreshes_in_place_follows_resizes_and_restores_the_terminal_on_ctrl_c() {
    Tmux::require();
    let broker = Broker::start();
    let bs = broker.bootstrap();
    let (topic, group) = (unique("screen"), unique("screen-g"));
    create_topic(bs, &topic, 1);
    let mut p = watch_support::pace_produce(bs, &topic, 0, 50, -3_600_000, Some(10));
    assert!(p.wait().success());
    commit(bs, &group, &[(&topic, 0, 3)]);

    let args = [
        "-b", bs, "describe", &group, "--watch", "300ms", "--window", "1s",
    ];
    let t = Tmux::start(&shell_command(&args), 140, 30);
    let heading =
        format!("groupctl describe {group} --watch   every 300ms · window 1s · 1 group · sample ");
    let screen = t.wait_for("the second refresh", |s| {
        s[0].starts_with(&format!("{heading}2 "))
    });
    // Heading, a blank line, the group, the table: drawn from the top left.
    assert!(
        screen[2].starts_with(&format!(
            "{group}  Empty  STOPPED  0 members  lag 7  time lag 1h00m"
        )),
        "{screen:#?}"
    );
    let header: Vec<&str> = screen[3].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "TOPIC",
            "PARTITION",
            "CURRENT-OFFSET",
            "LOG-END-OFFSET",
            "LAG",
            "TIME-LAG",
            "CONSUME/s",
            "PRODUCE/s",
            "ETA",
            "STATUS"
        ]
    );
    let row: Vec<&str> = screen[4].split_whitespace().collect();
    assert_eq!(
        row,
        [
            topic.as_str(),
            "0",
            "3",
            "10",
            "7",
            "1h00m",
            "0.0",
            "0.0",
            "-",
            "STOPPED"
        ]
    );
    assert_eq!(
        (t.flag("alternate_on"), t.flag("cursor_flag")),
        ("1".into(), "0".into())
    );

    // Two refreshes later the frame is still one frame: nothing scrolled.
    let screen = t.wait_for("the fourth refresh", |s| {
        s[0].starts_with(&format!("{heading}4 "))
    });
    assert_eq!(
        screen.iter().filter(|l| l.starts_with("groupctl ")).count(),
        1,
        "{screen:#?}"
    );
    assert_eq!(t.flag("history_size"), "0");

    // Narrower: lines are cut to the new width, not wrapped onto the next row.
    t.resize(50, 12);
    let screen = t.wait_for("a redraw at 50 columns", |s| {
        s.len() >= 5 && s[0].chars().count() == 50 && s[1].is_empty() && s[2].starts_with(&group)
    });
    assert!(
        screen.iter().all(|l| l.chars().count() <= 50),
        "{screen:#?}"
    );

    // Ctrl-C: exit 0, the alternate screen left, the cursor shown again.
    t.keys("C-c");
    let screen = t.wait_for("the exit", |s| has(s, "exited="));
    assert!(has(&screen, "exited=0"), "{screen:#?}");
    assert!(
        !has(&screen, "groupctl describe"),
        "the screen is restored: {screen:#?}"
    );
    assert_eq!(
        (t.flag("alternate_on"), t.flag("cursor_flag")),
        ("0".into(), "1".into())
    );
}

#[test]
fn top_on_a_terminal_quits_on_q() {
    Tmux::require();
    let broker = Broker::start();
    let bs = broker.bootstrap();
    // A tenant of its own: on a shared broker, `top` shows only this test's group.
    let tenant = unique("top").replace('-', "") + ".";
    let (topic, group) = (format!("{tenant}top-screen"), format!("{tenant}top-g"));
    create_topic(bs, &topic, 1);
    let mut p = watch_support::pace_produce(bs, &topic, 0, 50, 0, Some(4));
    assert!(p.wait().success());
    commit(bs, &group, &[(&topic, 0, 4)]);
    let group = "top-g".to_string();

    let t = Tmux::start(
        &shell_command(&[
            "-b",
            bs,
            "--tenant-prefix",
            &tenant,
            "top",
            "--interval",
            "300ms",
        ]),
        120,
        20,
    );
    let screen = t.wait_for("two refreshes", |s| s[0].contains(" · sample 2 "));
    assert!(
        screen[0].starts_with("groupctl top   every 300ms · window 3.6s · "),
        "{screen:#?}"
    );
    let header: Vec<&str> = screen[2].split_whitespace().collect();
    assert_eq!(header[..3], ["GROUP", "STATE", "STATUS"]);
    let row = screen
        .iter()
        .find(|l| l.starts_with(&group))
        .expect("the group's row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1..6], ["Empty", "OK", "0", "0", "-"], "{row}");
    t.keys("q");
    let screen = t.wait_for("the exit", |s| has(s, "exited="));
    assert!(has(&screen, "exited=0"), "{screen:#?}");
    assert_eq!(
        (t.flag("alternate_on"), t.flag("cursor_flag")),
        ("0".into(), "1".into())
    );
}
