# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_groupctl_global_optspecs
    string join \n b/bootstrap-server= security-protocol= sasl-mechanism= sasl-username= ssl-ca= ssl-cert= ssl-key= insecure-skip-verify command-config= profile= timeout= connect-timeout= request-timeout= tenant-prefix= json no-color v/verbose q/quiet h/help V/version
end

function __fish_groupctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_groupctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_groupctl_using_subcommand
    set -l cmd (__fish_groupctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c groupctl -n "__fish_groupctl_needs_command" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_needs_command" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_needs_command" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_needs_command" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_needs_command" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_needs_command" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_needs_command" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_needs_command" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_needs_command" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_needs_command" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c groupctl -n "__fish_groupctl_needs_command" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "list" -d 'List consumer groups on every broker'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "describe" -d 'Describe groups: per-partition offsets and lag, members, or state'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "top" -d 'All groups live, sorted by time lag: rates, ETA to zero lag, status, events'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "offsets" -d 'Fetch or commit committed offsets'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "reset-offsets" -d 'Reset committed offsets (dry run unless --execute)'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "delete" -d 'Delete groups (must be empty)'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "delete-offsets" -d 'Delete committed offsets of a group for some topics/partitions'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "assign" -d 'Compute a partition assignment offline (what-if), with Kafka parity'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "wal" -d 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "config" -d 'Show configuration'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c groupctl -n "__fish_groupctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l state -d 'Only groups in these states (comma-separated, any case): Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, NotReady, Dead' -r -f -a "Stable\t''
Empty\t''
PreparingRebalance\t''
CompletingRebalance\t''
Assigning\t''
Reconciling\t''
NotReady\t''
Dead\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l type -d 'Only groups of these types (comma-separated): classic, consumer, share, streams' -r -f -a "classic\t''
consumer\t''
share\t''
streams\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l watch -d 'Refresh in place every INTERVAL [default: 5s]: lag, time lag, consume and produce rates, ETA to zero lag, status and events (JSON lines when not on a terminal)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l count -d 'Stop after N samples [default: until q or Ctrl-C]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l window -d 'Rates, ETA and status are judged over this sliding window [default: 12 intervals]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l fail-on -d 'Exit 5 when a group or partition is in one of these statuses' -r -f -a "OK\t''
LAGGING\t''
STALLED\t''
STOPPED\t''
REWOUND\t''
REBALANCING\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l max-time-lag -d 'Exit 5 when a group\'s time lag (age of its oldest next record) is over this, e.g. 5m' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l all-groups -d 'Describe every group in the cluster'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l offsets -d 'Per-partition committed offset, log end and lag (default)'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l members -d 'Members with their client id, host and assigned partitions'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l state -d 'Group state, coordinator, assignor and member count'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand describe" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l interval -d 'Refresh every INTERVAL (e.g. 2s, 500ms)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l count -d 'Stop after N samples [default: until q or Ctrl-C]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l window -d 'Rates, ETA and status are judged over this sliding window [default: 12 intervals]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l fail-on -d 'Exit 5 when a group or partition is in one of these statuses' -r -f -a "OK\t''
LAGGING\t''
STALLED\t''
STOPPED\t''
REWOUND\t''
REBALANCING\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l max-time-lag -d 'Exit 5 when a group\'s time lag (age of its oldest next record) is over this, e.g. 5m' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand top" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -f -a "fetch" -d 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -f -a "commit" -d 'Commit explicit offsets for an empty group (refused while members are active)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and not __fish_seen_subcommand_from fetch commit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l topic -d 'Only these topics (repeatable; T or T:P,P)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from fetch" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l offset -l topic -d 'Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l from-file -d 'CSV file of `topic,partition,offset` (or `group,topic,partition,offset`)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l backup-dir -d 'Directory for the backup CSV [default: $XDG_STATE_HOME/groupctl/backups, else ~/.local/state/groupctl/backups]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l allow-new-group -d 'Commit even for a group the cluster does not know (no members, no committed offsets, not listed): it is created. Without it such a group is refused, as a likely typo'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l assume-empty -d 'When the broker cannot describe a group\'s members (it lists the group but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from commit" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Commit explicit offsets for an empty group (refused while members are active)'
complete -c groupctl -n "__fish_groupctl_using_subcommand offsets; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l topic -d 'Topic, or topic with partitions T:0,2,5 (repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l to-offset -d 'This offset' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l shift-by -d 'Committed offset + N (N may be negative)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l to-datetime -d 'First offset with timestamp >= TS (RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS[zone])' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l by-duration -d 'As --to-datetime now minus D (PnDTnHnMnS, or 90m, 2h, 1d)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l from-file -d 'CSV of offsets (`topic,partition,offset` or `group,topic,partition,offset`); also the scope' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l fallback -d 'For --shift-by/--to-current: where partitions without a committed offset go' -r -f -a "earliest\t''
latest\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l export -d 'Write the plan as CSV in kafka-consumer-groups.sh format' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l plan -d 'With a target: write the plan (with offsets at planning time) here. Without one: read this plan, check it as input (no negative offset, no partition twice, every partition on the cluster, offsets clamped to the log with a note) and show it, or commit it with --execute (refused if offsets moved since)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l backup-dir -d 'Directory for the backup CSV written before --execute [default: $XDG_STATE_HOME/groupctl/backups, else ~/.local/state/groupctl/backups]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l all-groups -d 'Every group in the cluster (only the empty ones can be executed)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l all-topics -d 'Every topic the group has committed offsets for'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l to-earliest -d 'Log start offset'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l to-latest -d 'Log end offset'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l to-current -d 'The committed offset (materialises offsets as they are)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l allow-new-topics -d 'With several groups (or --all-groups) and a CSV without a group column: give each group offsets also for topics it has never committed (by default such rows go only to the groups that read the topic)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l dry-run -d 'Only show the plan (the default)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l execute -d 'Commit the plan'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l force -d 'Execute a stale plan anyway'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l allow-new-group -d 'Commit even for a group the cluster does not know (no members, no committed offsets, not listed): it is created. Without it such a group is refused, as a likely typo'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l assume-empty -d 'When the broker cannot describe a group\'s members (it lists the group but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand reset-offsets" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l topic -d 'Topic, or topic with partitions T:0,2 (repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s y -l yes -d 'Do not ask for confirmation'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand delete-offsets" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l strategy -d 'Assignor [default: the group\'s current one with --from-group, else range]' -r -f -a "range\t''
roundrobin\t''
sticky\t''
cooperative-sticky\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l input -d 'Scenario JSON file (\'-\' for stdin)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l from-group -d 'Build the scenario from this live group' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l add-member -d 'Add a member ID, optionally with its topics ID:t1,t2 (default: the group\'s topics)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l remove-member -d 'Remove a member' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l partitions -d 'Set a topic\'s partition count TOPIC=N' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l dump-scenario -d 'Print the (edited) scenario JSON and stop'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand assign" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -f -a "inspect" -d 'One line per record: offset, time, batch info, decoded key -> value'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -f -a "replay" -d 'Rebuild the state the coordinator would have: groups, members, committed offsets'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -f -a "stats" -d 'Counts per record type and group, bytes, time span, compaction ratio, damage'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -f -a "locate" -d 'Which __consumer_offsets partition holds a group'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and not __fish_seen_subcommand_from inspect replay stats locate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l format -d 'Force the format instead of auto-detecting it' -r -f -a "kafka\t''
chronik\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l group -d 'Only records of this group (repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l topic -d 'Only offset records of this topic' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l type -d 'Only records of this type (offset_commit, group_metadata, ...; repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l from-offset -d 'First offset to show' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l to-offset -d 'Last offset to show' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l since -d 'Only records at or after this time (RFC 3339)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l until -d 'Only records before this time (RFC 3339)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l salvage -d 'Read every intact record past damage, not what the broker itself would load (the default)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l apply-bad-crc -d 'Salvage, and also use records whose checksum does not match'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l stop-at-first-error -d 'Salvage up to the first damage only'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l format -d 'Force the format instead of auto-detecting it' -r -f -a "kafka\t''
chronik\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l group -d 'Only records of this group (repeatable)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l as-of -d 'Stop replay at this offset (inclusive) or time (RFC 3339)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l export-offsets -d 'Write committed offsets as CSV for `reset-offsets --from-file`' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l salvage -d 'Read every intact record past damage, not what the broker itself would load (the default)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l apply-bad-crc -d 'Salvage, and also use records whose checksum does not match'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l stop-at-first-error -d 'Salvage up to the first damage only'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l members -d 'Also list members and their assignments (default with a single --group)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l format -d 'Force the format instead of auto-detecting it' -r -f -a "kafka\t''
chronik\t''"
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l salvage -d 'Read every intact record past damage, not what the broker itself would load (the default)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l apply-bad-crc -d 'Salvage, and also use records whose checksum does not match'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l stop-at-first-error -d 'Salvage up to the first damage only'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l partitions -d 'Number of __consumer_offsets partitions (offsets.topic.num.partitions)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from locate" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'One line per record: offset, time, batch info, decoded key -> value'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Rebuild the state the coordinator would have: groups, members, committed offsets'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Counts per record type and group, bytes, time span, compaction ratio, damage'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from help" -f -a "locate" -d 'Which __consumer_offsets partition holds a group'
complete -c groupctl -n "__fish_groupctl_using_subcommand wal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the effective configuration and where each value comes from, secrets masked'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective configuration and where each value comes from, secrets masked'
complete -c groupctl -n "__fish_groupctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -s b -l bootstrap-server -d 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile\'s, else localhost:9092]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l security-protocol -d 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l sasl-mechanism -d 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l sasl-username -d 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l ssl-ca -d 'PEM file of the CA(s) that sign the brokers\' certificates [default: system roots]' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l ssl-cert -d 'PEM client certificate (chain) for mutual TLS' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l ssl-key -d 'PEM private key of the client certificate (unencrypted)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l command-config -d 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)' -r -F
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l profile -d 'Profile from ~/.config/groupctl/config.toml' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l timeout -d 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l connect-timeout -d 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l request-timeout -d 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l tenant-prefix -d 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)' -r
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l insecure-skip-verify -d 'Do not verify broker certificates at all (warns on every run; for test clusters only)'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l json -d 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -l no-color -d 'Never colour output (also: NO_COLOR=1)'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -s v -l verbose -d 'More diagnostics on stderr (-vv: every request, with a request counter)'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -s q -l quiet -d 'Only errors on stderr; no progress bars or warnings'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c groupctl -n "__fish_groupctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "list" -d 'List consumer groups on every broker'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "describe" -d 'Describe groups: per-partition offsets and lag, members, or state'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "top" -d 'All groups live, sorted by time lag: rates, ETA to zero lag, status, events'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "offsets" -d 'Fetch or commit committed offsets'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "reset-offsets" -d 'Reset committed offsets (dry run unless --execute)'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "delete" -d 'Delete groups (must be empty)'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "delete-offsets" -d 'Delete committed offsets of a group for some topics/partitions'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "assign" -d 'Compute a partition assignment offline (what-if), with Kafka parity'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "wal" -d 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "config" -d 'Show configuration'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "completions" -d 'Print shell completions'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and not __fish_seen_subcommand_from list describe top offsets reset-offsets delete delete-offsets assign wal config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from offsets" -f -a "fetch" -d 'Committed offset, metadata, leader epoch, log start/end and lag per partition'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from offsets" -f -a "commit" -d 'Commit explicit offsets for an empty group (refused while members are active)'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from wal" -f -a "inspect" -d 'One line per record: offset, time, batch info, decoded key -> value'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from wal" -f -a "replay" -d 'Rebuild the state the coordinator would have: groups, members, committed offsets'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from wal" -f -a "stats" -d 'Counts per record type and group, bytes, time span, compaction ratio, damage'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from wal" -f -a "locate" -d 'Which __consumer_offsets partition holds a group'
complete -c groupctl -n "__fish_groupctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective configuration and where each value comes from, secrets masked'
