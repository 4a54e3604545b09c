
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'groupctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'groupctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'groupctl' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List consumer groups on every broker')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe groups: per-partition offsets and lag, members, or state')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'All groups live, sorted by time lag: rates, ETA to zero lag, status, events')
            [CompletionResult]::new('offsets', 'offsets', [CompletionResultType]::ParameterValue, 'Fetch or commit committed offsets')
            [CompletionResult]::new('reset-offsets', 'reset-offsets', [CompletionResultType]::ParameterValue, 'Reset committed offsets (dry run unless --execute)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete groups (must be empty)')
            [CompletionResult]::new('delete-offsets', 'delete-offsets', [CompletionResultType]::ParameterValue, 'Delete committed offsets of a group for some topics/partitions')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Compute a partition assignment offline (what-if), with Kafka parity')
            [CompletionResult]::new('wal', 'wal', [CompletionResultType]::ParameterValue, 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only groups in these states (comma-separated, any case): Stable, Empty, PreparingRebalance, CompletingRebalance, Assigning, Reconciling, NotReady, Dead')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only groups of these types (comma-separated): classic, consumer, share, streams')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;describe' {
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Refresh in place every INTERVAL [default: 5s]: lag, time lag, consume and produce rates, ETA to zero lag, status and events (JSON lines when not on a terminal)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N samples [default: until q or Ctrl-C]')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Rates, ETA and status are judged over this sliding window [default: 12 intervals]')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 5 when a group or partition is in one of these statuses')
            [CompletionResult]::new('--max-time-lag', '--max-time-lag', [CompletionResultType]::ParameterName, 'Exit 5 when a group''s time lag (age of its oldest next record) is over this, e.g. 5m')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--all-groups', '--all-groups', [CompletionResultType]::ParameterName, 'Describe every group in the cluster')
            [CompletionResult]::new('--offsets', '--offsets', [CompletionResultType]::ParameterName, 'Per-partition committed offset, log end and lag (default)')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Members with their client id, host and assigned partitions')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Group state, coordinator, assignor and member count')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;top' {
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Refresh every INTERVAL (e.g. 2s, 500ms)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N samples [default: until q or Ctrl-C]')
            [CompletionResult]::new('--window', '--window', [CompletionResultType]::ParameterName, 'Rates, ETA and status are judged over this sliding window [default: 12 intervals]')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 5 when a group or partition is in one of these statuses')
            [CompletionResult]::new('--max-time-lag', '--max-time-lag', [CompletionResultType]::ParameterName, 'Exit 5 when a group''s time lag (age of its oldest next record) is over this, e.g. 5m')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;offsets' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Committed offset, metadata, leader epoch, log start/end and lag per partition')
            [CompletionResult]::new('commit', 'commit', [CompletionResultType]::ParameterValue, 'Commit explicit offsets for an empty group (refused while members are active)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;offsets;fetch' {
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only these topics (repeatable; T or T:P,P)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;offsets;commit' {
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Offset to commit, TOPIC:PARTITION=OFFSET (repeatable)')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'CSV file of `topic,partition,offset` (or `group,topic,partition,offset`)')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Directory for the backup CSV [default: $XDG_STATE_HOME/groupctl/backups, else ~/.local/state/groupctl/backups]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--allow-new-group', '--allow-new-group', [CompletionResultType]::ParameterName, 'Commit even for a group the cluster does not know (no members, no committed offsets, not listed): it is created. Without it such a group is refused, as a likely typo')
            [CompletionResult]::new('--assume-empty', '--assume-empty', [CompletionResultType]::ParameterName, 'When the broker cannot describe a group''s members (it lists the group but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;offsets;help' {
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Committed offset, metadata, leader epoch, log start/end and lag per partition')
            [CompletionResult]::new('commit', 'commit', [CompletionResultType]::ParameterValue, 'Commit explicit offsets for an empty group (refused while members are active)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;offsets;help;fetch' {
            break
        }
        'groupctl;offsets;help;commit' {
            break
        }
        'groupctl;offsets;help;help' {
            break
        }
        'groupctl;reset-offsets' {
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic, or topic with partitions T:0,2,5 (repeatable)')
            [CompletionResult]::new('--to-offset', '--to-offset', [CompletionResultType]::ParameterName, 'This offset')
            [CompletionResult]::new('--shift-by', '--shift-by', [CompletionResultType]::ParameterName, 'Committed offset + N (N may be negative)')
            [CompletionResult]::new('--to-datetime', '--to-datetime', [CompletionResultType]::ParameterName, 'First offset with timestamp >= TS (RFC 3339 or yyyy-MM-ddTHH:mm:ss.SSS[zone])')
            [CompletionResult]::new('--by-duration', '--by-duration', [CompletionResultType]::ParameterName, 'As --to-datetime now minus D (PnDTnHnMnS, or 90m, 2h, 1d)')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'CSV of offsets (`topic,partition,offset` or `group,topic,partition,offset`); also the scope')
            [CompletionResult]::new('--fallback', '--fallback', [CompletionResultType]::ParameterName, 'For --shift-by/--to-current: where partitions without a committed offset go')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Write the plan as CSV in kafka-consumer-groups.sh format')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'With a target: write the plan (with offsets at planning time) here. Without one: read this plan, check it as input (no negative offset, no partition twice, every partition on the cluster, offsets clamped to the log with a note) and show it, or commit it with --execute (refused if offsets moved since)')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Directory for the backup CSV written before --execute [default: $XDG_STATE_HOME/groupctl/backups, else ~/.local/state/groupctl/backups]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--all-groups', '--all-groups', [CompletionResultType]::ParameterName, 'Every group in the cluster (only the empty ones can be executed)')
            [CompletionResult]::new('--all-topics', '--all-topics', [CompletionResultType]::ParameterName, 'Every topic the group has committed offsets for')
            [CompletionResult]::new('--to-earliest', '--to-earliest', [CompletionResultType]::ParameterName, 'Log start offset')
            [CompletionResult]::new('--to-latest', '--to-latest', [CompletionResultType]::ParameterName, 'Log end offset')
            [CompletionResult]::new('--to-current', '--to-current', [CompletionResultType]::ParameterName, 'The committed offset (materialises offsets as they are)')
            [CompletionResult]::new('--allow-new-topics', '--allow-new-topics', [CompletionResultType]::ParameterName, 'With several groups (or --all-groups) and a CSV without a group column: give each group offsets also for topics it has never committed (by default such rows go only to the groups that read the topic)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Only show the plan (the default)')
            [CompletionResult]::new('--execute', '--execute', [CompletionResultType]::ParameterName, 'Commit the plan')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Execute a stale plan anyway')
            [CompletionResult]::new('--allow-new-group', '--allow-new-group', [CompletionResultType]::ParameterName, 'Commit even for a group the cluster does not know (no members, no committed offsets, not listed): it is created. Without it such a group is refused, as a likely typo')
            [CompletionResult]::new('--assume-empty', '--assume-empty', [CompletionResultType]::ParameterName, 'When the broker cannot describe a group''s members (it lists the group but answers GROUP_ID_NOT_FOUND), commit anyway: you have stopped its consumers')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;delete' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;delete-offsets' {
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic, or topic with partitions T:0,2 (repeatable)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;assign' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Assignor [default: the group''s current one with --from-group, else range]')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Scenario JSON file (''-'' for stdin)')
            [CompletionResult]::new('--from-group', '--from-group', [CompletionResultType]::ParameterName, 'Build the scenario from this live group')
            [CompletionResult]::new('--add-member', '--add-member', [CompletionResultType]::ParameterName, 'Add a member ID, optionally with its topics ID:t1,t2 (default: the group''s topics)')
            [CompletionResult]::new('--remove-member', '--remove-member', [CompletionResultType]::ParameterName, 'Remove a member')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Set a topic''s partition count TOPIC=N')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--dump-scenario', '--dump-scenario', [CompletionResultType]::ParameterName, 'Print the (edited) scenario JSON and stop')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;wal' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'One line per record: offset, time, batch info, decoded key -> value')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Rebuild the state the coordinator would have: groups, members, committed offsets')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts per record type and group, bytes, time span, compaction ratio, damage')
            [CompletionResult]::new('locate', 'locate', [CompletionResultType]::ParameterValue, 'Which __consumer_offsets partition holds a group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;wal;inspect' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Force the format instead of auto-detecting it')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only records of this group (repeatable)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only offset records of this topic')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only records of this type (offset_commit, group_metadata, ...; repeatable)')
            [CompletionResult]::new('--from-offset', '--from-offset', [CompletionResultType]::ParameterName, 'First offset to show')
            [CompletionResult]::new('--to-offset', '--to-offset', [CompletionResultType]::ParameterName, 'Last offset to show')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records at or after this time (RFC 3339)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records before this time (RFC 3339)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--salvage', '--salvage', [CompletionResultType]::ParameterName, 'Read every intact record past damage, not what the broker itself would load (the default)')
            [CompletionResult]::new('--apply-bad-crc', '--apply-bad-crc', [CompletionResultType]::ParameterName, 'Salvage, and also use records whose checksum does not match')
            [CompletionResult]::new('--stop-at-first-error', '--stop-at-first-error', [CompletionResultType]::ParameterName, 'Salvage up to the first damage only')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;wal;replay' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Force the format instead of auto-detecting it')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only records of this group (repeatable)')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Stop replay at this offset (inclusive) or time (RFC 3339)')
            [CompletionResult]::new('--export-offsets', '--export-offsets', [CompletionResultType]::ParameterName, 'Write committed offsets as CSV for `reset-offsets --from-file`')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--salvage', '--salvage', [CompletionResultType]::ParameterName, 'Read every intact record past damage, not what the broker itself would load (the default)')
            [CompletionResult]::new('--apply-bad-crc', '--apply-bad-crc', [CompletionResultType]::ParameterName, 'Salvage, and also use records whose checksum does not match')
            [CompletionResult]::new('--stop-at-first-error', '--stop-at-first-error', [CompletionResultType]::ParameterName, 'Salvage up to the first damage only')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Also list members and their assignments (default with a single --group)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;wal;stats' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Force the format instead of auto-detecting it')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--salvage', '--salvage', [CompletionResultType]::ParameterName, 'Read every intact record past damage, not what the broker itself would load (the default)')
            [CompletionResult]::new('--apply-bad-crc', '--apply-bad-crc', [CompletionResultType]::ParameterName, 'Salvage, and also use records whose checksum does not match')
            [CompletionResult]::new('--stop-at-first-error', '--stop-at-first-error', [CompletionResultType]::ParameterName, 'Salvage up to the first damage only')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;wal;locate' {
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Number of __consumer_offsets partitions (offsets.topic.num.partitions)')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;wal;help' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'One line per record: offset, time, batch info, decoded key -> value')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Rebuild the state the coordinator would have: groups, members, committed offsets')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts per record type and group, bytes, time span, compaction ratio, damage')
            [CompletionResult]::new('locate', 'locate', [CompletionResultType]::ParameterValue, 'Which __consumer_offsets partition holds a group')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;wal;help;inspect' {
            break
        }
        'groupctl;wal;help;replay' {
            break
        }
        'groupctl;wal;help;stats' {
            break
        }
        'groupctl;wal;help;locate' {
            break
        }
        'groupctl;wal;help;help' {
            break
        }
        'groupctl;config' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value comes from, secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;config;show' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value comes from, secrets masked')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;config;help;show' {
            break
        }
        'groupctl;config;help;help' {
            break
        }
        'groupctl;completions' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--bootstrap-server', '--bootstrap-server', [CompletionResultType]::ParameterName, 'Broker(s) to bootstrap from, comma-separated host:port (env GROUPCTL_BOOTSTRAP_SERVER) [default: the profile''s, else localhost:9092]')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (as security.protocol)')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (as sasl.mechanism)')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (env GROUPCTL_SASL_USERNAME); the password only from GROUPCTL_SASL_PASSWORD, a properties file or a profile, never a flag')
            [CompletionResult]::new('--ssl-ca', '--ssl-ca', [CompletionResultType]::ParameterName, 'PEM file of the CA(s) that sign the brokers'' certificates [default: system roots]')
            [CompletionResult]::new('--ssl-cert', '--ssl-cert', [CompletionResultType]::ParameterName, 'PEM client certificate (chain) for mutual TLS')
            [CompletionResult]::new('--ssl-key', '--ssl-key', [CompletionResultType]::ParameterName, 'PEM private key of the client certificate (unencrypted)')
            [CompletionResult]::new('--command-config', '--command-config', [CompletionResultType]::ParameterName, 'Kafka client .properties file (security.protocol, sasl.*, ssl.*, client.id)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from ~/.config/groupctl/config.toml')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for broker operations, e.g. 10s, 1m (env GROUPCTL_TIMEOUT) [default: 30s]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up connecting to one broker after this (TCP and TLS; as socket.connection.setup.timeout.ms; env GROUPCTL_CONNECT_TIMEOUT) [default: 3s]')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Give up on one request to one broker after this, the ApiVersions handshake included; the broker is then skipped for the rest of the run and the answer is partial (as request.timeout.ms; env GROUPCTL_REQUEST_TIMEOUT) [default: 5s]')
            [CompletionResult]::new('--tenant-prefix', '--tenant-prefix', [CompletionResultType]::ParameterName, 'Only see groups and topics starting with this prefix, shown without it (the view a tenant has through a multi-tenant proxy)')
            [CompletionResult]::new('--insecure-skip-verify', '--insecure-skip-verify', [CompletionResultType]::ParameterName, 'Do not verify broker certificates at all (warns on every run; for test clusters only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for `wal inspect` and live views) instead of tables')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never colour output (also: NO_COLOR=1)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (-vv: every request, with a request counter)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr; no progress bars or warnings')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'groupctl;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List consumer groups on every broker')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Describe groups: per-partition offsets and lag, members, or state')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'All groups live, sorted by time lag: rates, ETA to zero lag, status, events')
            [CompletionResult]::new('offsets', 'offsets', [CompletionResultType]::ParameterValue, 'Fetch or commit committed offsets')
            [CompletionResult]::new('reset-offsets', 'reset-offsets', [CompletionResultType]::ParameterValue, 'Reset committed offsets (dry run unless --execute)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete groups (must be empty)')
            [CompletionResult]::new('delete-offsets', 'delete-offsets', [CompletionResultType]::ParameterValue, 'Delete committed offsets of a group for some topics/partitions')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Compute a partition assignment offline (what-if), with Kafka parity')
            [CompletionResult]::new('wal', 'wal', [CompletionResultType]::ParameterValue, 'Read a coordinator log: __consumer_offsets segments or the Chronik metadata WAL')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'groupctl;help;list' {
            break
        }
        'groupctl;help;describe' {
            break
        }
        'groupctl;help;top' {
            break
        }
        'groupctl;help;offsets' {
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Committed offset, metadata, leader epoch, log start/end and lag per partition')
            [CompletionResult]::new('commit', 'commit', [CompletionResultType]::ParameterValue, 'Commit explicit offsets for an empty group (refused while members are active)')
            break
        }
        'groupctl;help;offsets;fetch' {
            break
        }
        'groupctl;help;offsets;commit' {
            break
        }
        'groupctl;help;reset-offsets' {
            break
        }
        'groupctl;help;delete' {
            break
        }
        'groupctl;help;delete-offsets' {
            break
        }
        'groupctl;help;assign' {
            break
        }
        'groupctl;help;wal' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'One line per record: offset, time, batch info, decoded key -> value')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Rebuild the state the coordinator would have: groups, members, committed offsets')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts per record type and group, bytes, time span, compaction ratio, damage')
            [CompletionResult]::new('locate', 'locate', [CompletionResultType]::ParameterValue, 'Which __consumer_offsets partition holds a group')
            break
        }
        'groupctl;help;wal;inspect' {
            break
        }
        'groupctl;help;wal;replay' {
            break
        }
        'groupctl;help;wal;stats' {
            break
        }
        'groupctl;help;wal;locate' {
            break
        }
        'groupctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the effective configuration and where each value comes from, secrets masked')
            break
        }
        'groupctl;help;config;show' {
            break
        }
        'groupctl;help;completions' {
            break
        }
        'groupctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
