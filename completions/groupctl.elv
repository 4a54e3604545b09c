
use builtin;
use str;

set edit:completion:arg-completer[groupctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'groupctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'groupctl'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List consumer groups on every broker'
            cand describe 'Describe groups: per-partition offsets and lag, members, or state'
            cand offsets 'Fetch or commit committed offsets'
            cand reset-offsets 'Reset committed offsets (dry run unless --execute)'
            cand delete 'Delete groups (must be empty)'
            cand delete-offsets 'Delete committed offsets of a group for some topics/partitions'
            cand assign 'Compute a partition assignment offline (what-if), with Kafka parity'
            cand wal 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL'
            cand config 'Show configuration'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;list'= {
            cand --state 'Only groups in these states (comma-separated): Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, Dead'
            cand --type 'Only groups of these types (comma-separated): classic, consumer, share, streams'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;describe'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --all-groups 'Describe every group in the cluster'
            cand --offsets 'Per-partition committed offset, log end and lag (default)'
            cand --members 'Members with their client id, host and assigned partitions'
            cand --state 'Group state, coordinator, assignor and member count'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;offsets'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand fetch 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
            cand commit 'Commit explicit offsets for an empty group (refused while members are active)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;offsets;fetch'= {
            cand --topic 'Only these topics (repeatable; T or T:P,P)'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;offsets;commit'= {
            cand --offset 'Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)'
            cand --topic 'Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)'
            cand --from-file 'CSV file of `topic,partition,offset` (or `group,topic,partition,offset`)'
            cand --backup-dir 'Directory for the backup CSV [default: current directory]'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;offsets;help'= {
            cand fetch 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
            cand commit 'Commit explicit offsets for an empty group (refused while members are active)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;offsets;help;fetch'= {
        }
        &'groupctl;offsets;help;commit'= {
        }
        &'groupctl;offsets;help;help'= {
        }
        &'groupctl;reset-offsets'= {
            cand --topic 'Topic, or topic with partitions T:0,2,5 (repeatable)'
            cand --to-offset 'This offset'
            cand --shift-by 'Committed offset + N (N may be negative)'
            cand --to-datetime 'First offset with timestamp >= TS (RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS[zone])'
            cand --by-duration 'As --to-datetime now minus D (PnDTnHnMnS, or 90m, 2h, 1d)'
            cand --from-file 'CSV of offsets (`topic,partition,offset` or `group,topic,partition,offset`); also the scope'
            cand --fallback 'For --shift-by/--to-current: where partitions without a committed offset go'
            cand --export 'Write the plan as CSV in kafka-consumer-groups.sh format'
            cand --plan 'Dry run: write the plan (with offsets at planning time) here. With --execute: execute this plan, refused if offsets moved since'
            cand --backup-dir 'Directory for the backup CSV written before --execute [default: current directory]'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --all-groups 'Every group in the cluster (only the empty ones can be executed)'
            cand --all-topics 'Every topic the group has committed offsets for'
            cand --to-earliest 'Log start offset'
            cand --to-latest 'Log end offset'
            cand --to-current 'The committed offset (materialises offsets as they are)'
            cand --dry-run 'Only show the plan (the default)'
            cand --execute 'Commit the plan'
            cand --force 'Execute a stale plan anyway'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;delete'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;delete-offsets'= {
            cand --topic 'Topic, or topic with partitions T:0,2 (repeatable)'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;assign'= {
            cand --strategy 'Assignor [default: the group''s current one with --from-group, else range]'
            cand --input 'Scenario JSON file (''-'' for stdin)'
            cand --from-group 'Build the scenario from this live group'
            cand --add-member 'Add a member ID, optionally with its topics ID:t1,t2 (default: the group''s topics)'
            cand --remove-member 'Remove a member'
            cand --partitions 'Set a topic''s partition count TOPIC=N'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --dump-scenario 'Print the (edited) scenario JSON and stop'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;wal'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand inspect 'One line per record: offset, time, batch info, decoded key -> value'
            cand replay 'Rebuild the state the coordinator would have: groups, members, committed offsets'
            cand stats 'Counts per record type and group, bytes, time span, compaction ratio, damage'
            cand locate 'Which __consumer_offsets partition holds a group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;wal;inspect'= {
            cand --format 'Force the format instead of auto-detecting it'
            cand --group 'Only records of this group (repeatable)'
            cand --topic 'Only offset records of this topic'
            cand --type 'Only records of this type (offset_commit, group_metadata, ...; repeatable)'
            cand --from-offset 'First offset to show'
            cand --to-offset 'Last offset to show'
            cand --since 'Only records at or after this time (RFC 3339)'
            cand --until 'Only records before this time (RFC 3339)'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --apply-bad-crc 'Use records whose checksum does not match instead of skipping them (as Chronik''s own reader does)'
            cand --stop-at-first-error 'Stop reading at the first damage (as Kafka''s log recovery truncates there)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;wal;replay'= {
            cand --format 'Force the format instead of auto-detecting it'
            cand --group 'Only records of this group (repeatable)'
            cand --as-of 'Stop replay at this offset (inclusive) or time (RFC 3339)'
            cand --export-offsets 'Write committed offsets as CSV for `reset-offsets --from-file`'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --apply-bad-crc 'Use records whose checksum does not match instead of skipping them (as Chronik''s own reader does)'
            cand --stop-at-first-error 'Stop reading at the first damage (as Kafka''s log recovery truncates there)'
            cand --members 'Also list members and their assignments (default with a single --group)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;wal;stats'= {
            cand --format 'Force the format instead of auto-detecting it'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --apply-bad-crc 'Use records whose checksum does not match instead of skipping them (as Chronik''s own reader does)'
            cand --stop-at-first-error 'Stop reading at the first damage (as Kafka''s log recovery truncates there)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;wal;locate'= {
            cand --partitions 'Number of __consumer_offsets partitions (offsets.topic.num.partitions)'
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;wal;help'= {
            cand inspect 'One line per record: offset, time, batch info, decoded key -> value'
            cand replay 'Rebuild the state the coordinator would have: groups, members, committed offsets'
            cand stats 'Counts per record type and group, bytes, time span, compaction ratio, damage'
            cand locate 'Which __consumer_offsets partition holds a group'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;wal;help;inspect'= {
        }
        &'groupctl;wal;help;replay'= {
        }
        &'groupctl;wal;help;stats'= {
        }
        &'groupctl;wal;help;locate'= {
        }
        &'groupctl;wal;help;help'= {
        }
        &'groupctl;config'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the effective configuration (flag > env > profile > default), secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;config;show'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;config;help'= {
            cand show 'Print the effective configuration (flag > env > profile > default), secrets masked'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;config;help;show'= {
        }
        &'groupctl;config;help;help'= {
        }
        &'groupctl;completions'= {
            cand -b 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --bootstrap-server 'Broker(s) to bootstrap from, comma-separated host:port [default: localhost:9092, or the profile''s]'
            cand --command-config 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)'
            cand --profile 'Profile from ~/.config/groupctl/config.toml'
            cand --timeout 'Overall deadline for broker operations, e.g. 10s, 1m [default: 30s]'
            cand --tenant-prefix 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)'
            cand --json 'Print one JSON document (NDJSON for `wal inspect`) instead of tables'
            cand --no-color 'Never colour output (also: NO_COLOR=1)'
            cand -v 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand --verbose 'More diagnostics on stderr (-vv: every request, with a request counter)'
            cand -q 'Only errors on stderr; no progress bars or warnings'
            cand --quiet 'Only errors on stderr; no progress bars or warnings'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'groupctl;help'= {
            cand list 'List consumer groups on every broker'
            cand describe 'Describe groups: per-partition offsets and lag, members, or state'
            cand offsets 'Fetch or commit committed offsets'
            cand reset-offsets 'Reset committed offsets (dry run unless --execute)'
            cand delete 'Delete groups (must be empty)'
            cand delete-offsets 'Delete committed offsets of a group for some topics/partitions'
            cand assign 'Compute a partition assignment offline (what-if), with Kafka parity'
            cand wal 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL'
            cand config 'Show configuration'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'groupctl;help;list'= {
        }
        &'groupctl;help;describe'= {
        }
        &'groupctl;help;offsets'= {
            cand fetch 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
            cand commit 'Commit explicit offsets for an empty group (refused while members are active)'
        }
        &'groupctl;help;offsets;fetch'= {
        }
        &'groupctl;help;offsets;commit'= {
        }
        &'groupctl;help;reset-offsets'= {
        }
        &'groupctl;help;delete'= {
        }
        &'groupctl;help;delete-offsets'= {
        }
        &'groupctl;help;assign'= {
        }
        &'groupctl;help;wal'= {
            cand inspect 'One line per record: offset, time, batch info, decoded key -> value'
            cand replay 'Rebuild the state the coordinator would have: groups, members, committed offsets'
            cand stats 'Counts per record type and group, bytes, time span, compaction ratio, damage'
            cand locate 'Which __consumer_offsets partition holds a group'
        }
        &'groupctl;help;wal;inspect'= {
        }
        &'groupctl;help;wal;replay'= {
        }
        &'groupctl;help;wal;stats'= {
        }
        &'groupctl;help;wal;locate'= {
        }
        &'groupctl;help;config'= {
            cand show 'Print the effective configuration (flag > env > profile > default), secrets masked'
        }
        &'groupctl;help;config;show'= {
        }
        &'groupctl;help;completions'= {
        }
        &'groupctl;help;help'= {
        }
    ]
    $completions[$command]
}
