//! Writes coordinator logs with known content.
//!
//!   cargo run --example gen_wal -- examples DIR
//!       the example files shipped in examples/wal/
//!   cargo run --example gen_wal -- fixtures DIR
//!       the hand-made damage fixtures in tests/fixtures/wal/
//!   cargo run --example gen_wal -- seeds fuzz/seeds
//!       fuzzing seeds for every target, from the fixtures and built logs
//!   cargo run --release --example gen_wal -- random OUT.log [--mib 100]
//!       pseudo-random bytes, then 5 valid batches (the resync benchmark)
//!   cargo run --release --example gen_wal -- bench OUT.log [--gib 1] [--zstd] [--real]
//!       --real: shaped like a real __consumer_offsets partition, one commit per
//!       batch (~140 bytes a batch), as consumers commit one partition at a time
//!       a __consumer_offsets segment for the replay benchmark: 10,000 groups
//!       committing 10 partitions each (100,000 partitions), group metadata
//!       every 50 commits, until the file reaches the size asked for.

use bytes::Bytes;
use groupctl::wal::build::{self, BatchOpts, MemberSpec, SegmentBuilder};
use kafka_protocol::records::Compression;
use std::io::Write;

const T0: i64 = 1_795_168_800_000; // 2026-11-20T10:00:00Z

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("examples") => examples(args.get(1).map_or("examples/wal", String::as_str)),
        Some("fixtures") => fixtures(args.get(1).map_or("tests/fixtures/wal", String::as_str)),
        Some("seeds") => seeds(args.get(1).map_or("fuzz/seeds", String::as_str)),
        Some("random") => {
            let out = args.get(1).expect("random OUT.log");
            let mib: usize = args
                .iter()
                .position(|a| a == "--mib")
                .and_then(|i| args.get(i + 1))
                .map_or(100, |s| s.parse().unwrap());
            random(out, mib);
        }
        Some("bench") => {
            let out = args.get(1).expect("bench OUT.log");
            let gib: f64 = args
                .iter()
                .position(|a| a == "--gib")
                .and_then(|i| args.get(i + 1))
                .map_or(1.0, |s| s.parse().unwrap());
            let zstd = args.iter().any(|a| a == "--zstd");
            let real = args.iter().any(|a| a == "--real");
            bench(out, (gib * (1u64 << 30) as f64) as u64, zstd, real);
        }
        _ => eprintln!(
            "usage: gen_wal examples DIR | fixtures DIR | bench OUT.log [--gib N] [--zstd]"
        ),
    }
}

fn commit(group: &str, topic: &str, p: i32, offset: i64, ts: i64) -> (Bytes, Option<Bytes>) {
    (
        build::offset_key(group, topic, p),
        Some(build::offset_value(offset, 4, "", ts)),
    )
}

fn examples(dir: &str) {
    // billing lives in __consumer_offsets-9 of 50 (`groupctl wal locate billing`).
    let part = groupctl::wal::coordinator::partition_for("billing", 50);
    let pdir = format!("{dir}/__consumer_offsets-{part}");
    std::fs::create_dir_all(&pdir).unwrap();
    let mut seg = SegmentBuilder::new();
    let at = |s: i64| BatchOpts {
        timestamp: T0 + s * 1000,
        ..Default::default()
    };
    let m1 = MemberSpec {
        member_id: "billing-1-5b1f",
        instance_id: None,
        client_id: "billing-1",
        host: "/10.0.1.11",
        topics: &["orders"],
        assignment: &[("orders", &[0, 1])],
    };
    let m2 = MemberSpec {
        member_id: "billing-2-9c3e",
        instance_id: None,
        client_id: "billing-2",
        host: "/10.0.1.12",
        topics: &["orders"],
        assignment: &[("orders", &[2, 3])],
    };
    seg.batch(
        &[(
            build::group_key(2, "billing"),
            Some(build::group_value(
                7,
                "range",
                Some("billing-1-5b1f"),
                T0,
                &[m1, m2],
            )),
        )],
        at(0),
    );
    seg.batch(
        &(0..4)
            .map(|p| commit("billing", "orders", p, 18_000 + p as i64 * 10, T0 + 1000))
            .collect::<Vec<_>>(),
        at(1),
    );
    seg.batch(
        &(0..4)
            .map(|p| commit("billing", "orders", p, 18_200 + p as i64 * 10, T0 + 61_000))
            .collect::<Vec<_>>(),
        BatchOpts {
            compression: Compression::Zstd,
            ..at(61)
        },
    );
    // An exactly-once app commits through a transaction...
    seg.batch(
        &[
            commit("billing-eos", "payments", 0, 900, T0 + 62_000),
            commit("billing-eos", "payments", 1, 910, T0 + 62_000),
        ],
        BatchOpts {
            txn: Some((4001, 0)),
            ..at(62)
        },
    );
    seg.marker(4001, 0, true, T0 + 63_000);
    // ...and one that aborted.
    seg.batch(
        &[commit("billing-eos", "payments", 0, 999, T0 + 64_000)],
        BatchOpts {
            txn: Some((4001, 0)),
            ..at(64)
        },
    );
    seg.marker(4001, 0, false, T0 + 65_000);
    // The incident: billing's members leave and someone resets orders-2 to 0.
    seg.batch(
        &[(
            build::group_key(2, "billing"),
            Some(build::group_value(8, "range", None, T0 + 120_000, &[])),
        )],
        at(120),
    );
    seg.batch(&[commit("billing", "orders", 2, 0, T0 + 125_000)], at(125));
    // A deleted group.
    seg.batch(
        &[(
            build::offset_key("old-reports", "orders", 0),
            Some(build::offset_value(5, 0, "", T0)),
        )],
        at(130),
    );
    seg.batch(
        &[
            (build::offset_key("old-reports", "orders", 0), None),
            (build::group_key(2, "old-reports"), None),
        ],
        at(131),
    );
    std::fs::write(format!("{pdir}/00000000000000000000.log"), seg.finish()).unwrap();

    // The Chronik metadata WAL of the same story.
    let mut wal = Vec::new();
    let events = [
        r#"{"type":"TopicCreated","name":"orders","config":{"partition_count":4,"replication_factor":1,"retention_ms":604800000,"segment_bytes":1073741824,"config":{}}}"#.to_string(),
        r#"{"type":"ConsumerGroupCreated","metadata":{"group_id":"billing","state":"Empty","protocol":"","protocol_type":"consumer","generation_id":0,"leader_id":null,"leader":"","members":[],"created_at":"2026-11-20T10:00:00Z","updated_at":"2026-11-20T10:00:00Z"}}"#.to_string(),
        r#"{"type":"OffsetCommitted","offset":{"group_id":"billing","topic":"orders","partition":0,"offset":18200,"metadata":null,"commit_timestamp":"2026-11-20T10:01:01Z"}}"#.to_string(),
        r#"{"type":"OffsetCommitted","offset":{"group_id":"billing","topic":"orders","partition":1,"offset":18210,"metadata":null,"commit_timestamp":"2026-11-20T10:01:01Z"}}"#.to_string(),
        r#"{"type":"OffsetCommitted","offset":{"group_id":"billing","topic":"orders","partition":2,"offset":18220,"metadata":"ckpt","commit_timestamp":"2026-11-20T10:01:01Z"}}"#.to_string(),
        r#"{"type":"HighWatermarkUpdated","topic":"orders","partition":2,"new_watermark":19000}"#.to_string(),
        r#"{"type":"OffsetCommitted","offset":{"group_id":"billing","topic":"orders","partition":2,"offset":0,"metadata":null,"commit_timestamp":"2026-11-20T10:02:05Z"}}"#.to_string(),
        r#"{"type":"ConsumerGroupCreated","metadata":{"group_id":"old-reports","state":"Empty","protocol":"","protocol_type":"consumer","generation_id":0,"leader_id":null,"leader":"","members":[],"created_at":"2026-11-20T10:02:10Z","updated_at":"2026-11-20T10:02:10Z"}}"#.to_string(),
        r#"{"type":"ConsumerGroupDeleted","group_id":"old-reports"}"#.to_string(),
    ];
    for (i, p) in events.iter().enumerate() {
        let secs = [0, 0, 61, 61, 61, 62, 125, 130, 131][i];
        let ev = format!(
            r#"{{"event_id":"00000000-0000-4000-8000-{i:012}","timestamp":"2026-11-20T10:{:02}:{:02}.000Z","version":1,"created_by_node":1,"payload":{p}}}"#,
            secs / 60,
            secs % 60
        );
        wal.extend(build::chronik_record(i as i64, ev.as_bytes()));
    }
    std::fs::write(format!("{dir}/meta.wal"), wal).unwrap();
    println!("wrote {pdir}/00000000000000000000.log and {dir}/meta.wal");
}

/// A log whose second batch has a valid checksum and one record declaring
/// 2^31-1 headers: a decoder that trusts the count reserves ~38 GB.
fn fixtures(dir: &str) {
    let mut seg = SegmentBuilder::new();
    seg.batch(&[commit("g", "t", 0, 1, T0)], BatchOpts::default());
    let mut data = seg.finish();
    let key = build::offset_key("g", "t", 1);
    let value = build::offset_value(2, 0, "", T0);
    let bomb = build::raw_record(0, 0, Some(&key), Some(&value), i32::MAX);
    data.extend(build::raw_batch(1, 0, T0, &[bomb]));
    let mut seg = SegmentBuilder::new();
    seg.next_offset = 2;
    seg.batch(&[commit("g", "t", 2, 3, T0)], BatchOpts::default());
    data.extend(seg.finish());
    let path = format!("{dir}/header-count-2g.log");
    std::fs::write(&path, data).unwrap();
    println!("wrote {path}");
}

/// A small log with every codec, a transaction, KIP-848 and share records, and legacy entries.
fn variety() -> Vec<u8> {
    let mut seg = SegmentBuilder::new();
    for (i, c) in [
        Compression::None,
        Compression::Gzip,
        Compression::Snappy,
        Compression::Lz4,
        Compression::Zstd,
    ]
    .into_iter()
    .enumerate()
    {
        seg.batch(
            &[commit("g", "t", i as i32, i as i64, T0)],
            BatchOpts {
                compression: c,
                ..BatchOpts::default()
            },
        );
    }
    seg.batch(
        &[commit("g", "t", 0, 9, T0)],
        BatchOpts {
            txn: Some((7, 0)),
            ..BatchOpts::default()
        },
    );
    seg.marker(7, 0, true, T0);
    let id = [3u8; 16];
    seg.batch(
        &[
            (
                build::group_key(3, "k"),
                Some(build::consumer_group_epoch(2)),
            ),
            (
                build::group_key(4, "k"),
                Some(build::partition_metadata(&[(id, "t", 2)])),
            ),
            (
                build::member_key(5, "k", "m"),
                Some(build::consumer_member_metadata("c", "/h", &["t"], None)),
            ),
            (
                build::member_key(8, "k", "m"),
                Some(build::current_assignment(2, &[(id, &[0])])),
            ),
            (
                build::group_key(15, "s"),
                Some(build::share_state(&[(id, "t", &[1])])),
            ),
            (
                build::regex_key("k", "t.*"),
                Some(build::regex_value(&["t"], 1, T0)),
            ),
        ],
        BatchOpts::default(),
    );
    let mut data = seg.finish();
    let (k, v) = commit("old", "t", 0, 1, T0);
    let inner = vec![build::legacy_entry(1, 0, 0, T0, Some(&k), v.as_deref())];
    data.extend(build::legacy_gzip_wrapper(1, 20, 0, T0, &inner));
    data.extend(build::legacy_entry(0, 21, 0, -1, Some(&k), v.as_deref()));
    data
}

/// Seed inputs for each fuzz target.
fn seeds(dir: &str) {
    use groupctl::wal::segment::{SegmentItem, SegmentReader};
    use groupctl::wal::source::Window;
    let write = |target: &str, name: &str, data: &[u8]| {
        let d = format!("{dir}/{target}");
        std::fs::create_dir_all(&d).unwrap();
        // The log targets read a first byte that chooses how (groupctl::wal::fuzz).
        let data = match target {
            "segment" | "chronik" => [&[0xc0u8][..], data].concat(),
            _ => data.to_vec(),
        };
        std::fs::write(format!("{d}/{name}"), data).unwrap();
    };
    let read = |p: &str| std::fs::read(p).unwrap();
    let fixtures = "tests/fixtures/wal";
    let mut segments = vec![
        (
            "offsets-basic.log",
            read(&format!("{fixtures}/offsets-basic.log")),
        ),
        (
            "offsets-torn.log",
            read(&format!("{fixtures}/offsets-torn.log")),
        ),
        (
            "header-count-2g.log",
            read(&format!("{fixtures}/header-count-2g.log")),
        ),
        ("variety.log", variety()),
    ];
    segments.push((
        "example.log",
        read("examples/wal/__consumer_offsets-9/00000000000000000000.log"),
    ));
    let mut keys = 0;
    for (name, data) in &segments {
        write("segment", name, data);
        // Every record's key and value, for the record decoders.
        let mut reader = SegmentReader::new(
            Window::from_bytes(data.clone().into()),
            name.to_string(),
            true,
        );
        while let Some(Ok(item)) = reader.next() {
            if let SegmentItem::Batch(b) = item {
                let body = reader.body(&b);
                for r in &b.records {
                    let (Some(k), v) = (r.key.map(|s| s.of(body)), r.value.map(|s| s.of(body)))
                    else {
                        continue;
                    };
                    let mut input = vec![k.len().min(255) as u8];
                    input.extend_from_slice(k);
                    input.extend_from_slice(v.unwrap_or_default());
                    write("coordinator_record", &format!("r{keys:03}"), &input);
                    keys += 1;
                }
            }
        }
    }
    // Chronik files, three records per seed (small inputs keep the fuzzer fast).
    for path in [
        format!("{fixtures}/chronik-basic.wal"),
        format!("{fixtures}/chronik-torn.wal"),
        "examples/wal/meta.wal".to_string(),
        "tests/fixtures/wal-chronik-real/data/metadata_wal/__chronik_metadata/0/wal_0_1.log"
            .to_string(),
    ] {
        use groupctl::wal::chronik::{ChronikItem, ChronikMode, ChronikReader};
        let data = read(&path);
        let mode = ChronikMode::Salvage {
            apply_bad_crc: false,
        };
        let mut starts: Vec<usize> =
            ChronikReader::new(Window::from_bytes(data.clone().into()), path.clone(), mode)
                .flatten()
                .filter_map(|i| match i {
                    ChronikItem::Record(r) => Some(r.byte_pos as usize),
                    ChronikItem::Damage(_) => None,
                })
                .collect();
        starts.push(data.len());
        let base = std::path::Path::new(&path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for (n, w) in starts.windows(4).step_by(3).enumerate() {
            write("chronik", &format!("{base}-{n}"), &data[w[0]..w[3]]);
        }
        // And the tail, torn or not.
        let tail = starts[starts.len().saturating_sub(3)];
        write("chronik", &format!("{base}-tail"), &data[tail..]);
    }
    write(
        "chronik",
        "v1.log",
        &build::chronik_record_v1(
            0,
            T0,
            b"{\"payload\":{\"type\":\"TopicDeleted\",\"name\":\"t\"}}",
        ),
    );
    let asg: [(&str, &[i32]); 2] = [("a", &[0, 1]), ("b", &[2])];
    write(
        "consumer_protocol",
        "subscription",
        &build::subscription(&["a", "b"]),
    );
    write("consumer_protocol", "assignment", &build::assignment(&asg));
    let a = build::assignment(&asg);
    write(
        "consumer_protocol",
        "assignment-no-user-data",
        &a[..a.len() - 4],
    );
    println!("wrote seeds under {dir}/ ({keys} coordinator records)");
}

/// `mib` MiB of xorshift bytes, then five one-commit batches.
fn random(out: &str, mib: usize) {
    let mut data = vec![0u8; mib << 20];
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for chunk in data.chunks_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        chunk.copy_from_slice(&x.to_le_bytes()[..chunk.len()]);
    }
    let mut seg = SegmentBuilder::new();
    for p in 0..5 {
        seg.batch(
            &[commit("g", "t", p, 100 + p as i64, T0)],
            BatchOpts::default(),
        );
    }
    data.extend(seg.finish());
    std::fs::write(out, &data).unwrap();
    println!("wrote {out}: {} bytes", data.len());
}

fn bench(out: &str, target: u64, zstd: bool, real: bool) {
    let groups: Vec<String> = (0..10_000)
        .map(|g| format!("service-{g:05}-consumers"))
        .collect();
    let topics: Vec<String> = (0..1000).map(|t| format!("events.topic-{t:04}")).collect();
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(out).unwrap());
    let mut seg = SegmentBuilder::new();
    let mut written = 0u64;
    let mut raw = 0u64;
    let mut round = 0i64;
    let compression = if zstd {
        Compression::Zstd
    } else {
        Compression::None
    };
    'outer: loop {
        for (gi, g) in groups.iter().enumerate() {
            let ts = T0 + round * 5_000 + gi as i64;
            let o = BatchOpts {
                compression,
                timestamp: ts,
                txn: None,
            };
            if round % 50 == 0 {
                let t = topics[gi % topics.len()].as_str();
                let asg: [(&str, &[i32]); 1] = [(t, &[0, 1, 2, 3, 4])];
                let asg2: [(&str, &[i32]); 1] = [(t, &[5, 6, 7, 8, 9])];
                let m = [
                    MemberSpec {
                        member_id: "consumer-1-0f3c2a9e",
                        instance_id: None,
                        client_id: "consumer-1",
                        host: "/10.0.1.11",
                        topics: &[t],
                        assignment: &asg,
                    },
                    MemberSpec {
                        member_id: "consumer-2-7d41b6c0",
                        instance_id: None,
                        client_id: "consumer-2",
                        host: "/10.0.1.12",
                        topics: &[t],
                        assignment: &asg2,
                    },
                ];
                seg.batch(
                    &[(
                        build::group_key(2, g),
                        Some(build::group_value(
                            round as i32 / 50 + 1,
                            "range",
                            Some("consumer-1-0f3c2a9e"),
                            ts,
                            &m,
                        )),
                    )],
                    o,
                );
            }
            // 10 partitions per group: 100,000 partitions in all.
            let t = &topics[gi % topics.len()];
            let recs: Vec<_> = (0..10)
                .map(|p| commit(g, t, p, round * 100 + p as i64, ts))
                .collect();
            if real {
                for r in recs {
                    seg.batch(&[r], o);
                }
            } else {
                seg.batch(&recs, o);
            }
            // Uncompressed size of what was written: ~ 83 bytes per record + batch header.
            raw += if real { 10 * (61 + 80) } else { 61 + 10 * 80 };
            if seg.len() > 1 << 20 {
                let b = seg.take();
                f.write_all(&b).unwrap();
                written += b.len() as u64;
                // The zstd variant holds as many records as the uncompressed one.
                if (if zstd { raw } else { written }) >= target {
                    break 'outer;
                }
            }
        }
        round += 1;
    }
    let b = seg.take();
    f.write_all(&b).unwrap();
    written += b.len() as u64;
    f.flush().unwrap();
    println!("wrote {out}: {written} bytes, {} records", seg.next_offset);
}
