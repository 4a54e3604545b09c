//! The integration tests, as one test binary (compiled and linked once;
//! one `common` shared by all): each module below was a file of its own.
//! `wal_memory` stays a binary of its own: it measures a child's peak RSS,
//! which a large parent would inflate.

mod common;
mod watch_support;

mod assign_captured;
mod assign_cli;
mod assign_examples;
mod assign_golden;
mod assign_properties;
mod broker_assign;
mod broker_groups;
mod broker_offsets;
mod broker_reset;
mod broker_sasl;
mod broker_tenant;
mod broker_tls;
mod broker_watch;
mod broker_writes;
mod cli_input;
mod cli_json_errors;
mod cli_network_errors;
mod config_cli;
mod docs_fresh;
mod fault_cluster;
mod fault_cluster_faults;
mod fault_interrupt;
mod fault_moves;
mod fault_partial;
mod fault_pipelining;
mod fault_prompt;
mod fault_round_trips;
mod fault_throttle;
mod kafka_failover;
mod kcg_side_by_side;
mod protocol_assign;
mod protocol_by_time;
mod protocol_delete;
mod protocol_describe;
mod protocol_list;
mod protocol_offsets;
mod protocol_sasl;
mod protocol_undescribed;
mod wal_built;
mod wal_chronik_real;
mod wal_damage;
mod wal_failures;
mod wal_fixtures;
mod wal_fuzz_regressions;
mod wal_kafka_real;
mod wal_legacy;
mod wal_recovery;
mod watch_requests;
mod watch_tty;
