//! Every fuzz seed and every input a fuzzing run ever crashed on
//! (`fuzz/seeds/<target>/`, `fuzz/regressions/<target>/`) through the fuzz
//! targets' own bodies (`groupctl::wal::fuzz`): no panic, in any mode, read
//! whole or in pieces. Plus a short in-process mutation run over the seeds, so
//! that plain `cargo test` fuzzes a little too.

use crate::common;

use groupctl::wal::fuzz::TARGETS;
use std::path::Path;

fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn seeds_and_regressions_never_panic() {
    let root = common::repo_root().join("fuzz");
    for (target, body) in TARGETS {
        let seeds = inputs(&root.join("seeds").join(target));
        assert!(!seeds.is_empty(), "no seeds for {target}");
        for (name, data) in seeds
            .iter()
            .chain(&inputs(&root.join("regressions").join(target)))
        {
            let r = std::panic::catch_unwind(|| body(data));
            assert!(r.is_ok(), "{target}: {name} panics");
        }
    }
}

#[test]
fn a_few_thousand_mutations_of_each_seed_never_panic() {
    let root = common::repo_root().join("fuzz/seeds");
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    for (target, body) in TARGETS {
        for (_, seed) in inputs(&root.join(target)).iter().take(6) {
            for _ in 0..300 {
                let mut d = seed.clone();
                for _ in 0..rng.usize(1..6) {
                    if d.is_empty() {
                        d.push(rng.u8(..));
                        continue;
                    }
                    let i = rng.usize(..d.len());
                    match rng.u8(..4) {
                        0 => d[i] ^= 1 << rng.u8(..8),
                        1 => d[i] = [0, 0xff, 0x7f, 0x80][rng.usize(..4)],
                        2 => {
                            d.truncate(i);
                        }
                        _ => d.insert(i, rng.u8(..)),
                    }
                }
                body(&d);
            }
        }
    }
}
