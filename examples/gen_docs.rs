//! Regenerates `completions/` and `man/` from the clap definition:
//! `cargo run --example gen_docs`. `tests/docs_fresh.rs` fails when the
//! checked-in files differ from what this writes.

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["completions", "man"] {
        let _ = std::fs::remove_dir_all(root.join(dir));
    }
    let files = groupctl::docs::generate();
    for (path, content) in &files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
    }
    println!("wrote {} files under completions/ and man/", files.len());
}
