//! The test suite's fault cluster as a process of its own, for benchmarks and
//! manual checks: the test broker (Tansu) with N pretend brokers in front of
//! it, optionally with network latency.
//!
//! ```text
//! cargo build --release --example fault_cluster
//! target/release/examples/fault_cluster --brokers 3 --latency-ms 5
//! {"bootstrap":"127.0.0.1:21234,127.0.0.1:27001,127.0.0.1:15878","upstream":"127.0.0.1:40123",...}
//! ```
//!
//! It prints one JSON line (`bootstrap`: the pretend brokers, for clients
//! under test; `upstream`: the real broker, for setup that should not pay the
//! latency) and runs until SIGINT or SIGTERM (with `--stdin`, also until its
//! standard input closes), then stops the broker. `--upstream HOST:PORT`
//! fronts a running one-node broker instead of starting Tansu; `--black-hole
//! 3` makes broker 3 accept connections and never answer.

#[path = "../tests/it/common/mod.rs"]
#[allow(dead_code)] // the test helpers; only the fault cluster is used here
mod common;

use clap::Parser;
use common::cluster::FaultCluster;
use std::io::{Read, Write};
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Tansu behind the fault-cluster proxy, presenting N brokers")]
struct Args {
    /// Pretend brokers (node ids 1..=N), one loopback port each.
    #[arg(long, default_value_t = 3)]
    brokers: usize,
    /// Latency added to every request and every response (each way), in ms.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Front this one-node broker instead of starting Tansu.
    #[arg(long)]
    upstream: Option<String>,
    /// Also stop when standard input closes.
    #[arg(long)]
    stdin: bool,
    /// Black-hole these brokers (accept TCP, never answer), e.g. `--black-hole 3`.
    #[arg(long, value_delimiter = ',')]
    black_hole: Vec<i32>,
}

fn main() {
    let args = Args::parse();
    if args.brokers == 0 {
        eprintln!("fault_cluster: --brokers must be at least 1");
        std::process::exit(2);
    }
    let cluster = match &args.upstream {
        Some(up) => FaultCluster::in_front_of(up, args.brokers),
        None => FaultCluster::start(args.brokers),
    };
    cluster.set_latency(Duration::from_millis(args.latency_ms));
    for &id in &args.black_hole {
        if !cluster.ids().contains(&id) {
            eprintln!("fault_cluster: --black-hole {id}: no such broker");
            std::process::exit(2);
        }
        cluster.broker(id).black_hole(true);
    }
    let info = serde_json::json!({
        "bootstrap": cluster.bootstrap(),
        "upstream": cluster.upstream(),
        "brokers": args.brokers,
        "latency_ms": args.latency_ms,
        "black_holed": args.black_hole,
    });
    println!("{info}");
    let _ = std::io::stdout().flush();

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    rt.block_on(async {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        let stdin_closed = async {
            if args.stdin {
                let _ =
                    tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new()))
                        .await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = stdin_closed => {}
        }
    });
    // Dropping the cluster stops the proxy and kills the broker.
    drop(cluster);
}
