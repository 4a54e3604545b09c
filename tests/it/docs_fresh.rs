//! `completions/` and `man/` are generated from the clap definition and
//! checked in: this fails when they are stale. Regenerate with
//! `GROUPCTL_UPDATE_DOCS=1 cargo test --test docs_fresh`.

use crate::common;

use std::path::Path;

#[test]
fn completions_and_man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = groupctl::docs::generate();
    assert!(
        files.len() > 20,
        "completions for 5 shells and a man page per command"
    );
    if std::env::var_os("GROUPCTL_UPDATE_DOCS").is_some() {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
        }
        for (path, content) in &files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, content).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (path, content) in &files {
        match std::fs::read(root.join(path)) {
            Ok(on_disk) if &on_disk == content => {}
            _ => stale.push(path.clone()),
        }
    }
    for dir in ["completions", "man"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let rel = format!("{dir}/{}", e.file_name().to_string_lossy());
            if !files.contains_key(&rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nrun: cargo run --example gen_docs"
    );
}

#[test]
fn completions_command_prints_the_same_script() {
    let out = common::groupctl()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let files = groupctl::docs::generate();
    assert_eq!(out.stdout, files["completions/groupctl.bash"]);
}
