package groupctl.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The drivers' entry point: {@code Main SUBCOMMAND ARGS...}; each subcommand prints JSON lines
 * on stdout (see tests/java/README.md). Subcommands live in their own classes so a JVM only loads
 * the client classes it uses (no Streams classes unless "streams").
 */
public final class Main {
    private Main() {}

    static final String USAGE = String.join("\n",
            "usage: drivers SUBCOMMAND ARGS...   (options: --name value; client overrides: --config k=v, --config-file F)",
            "  group BS GROUP --members N --topics T1,T2 [--protocol classic|consumer] [--assignor A]",
            "        [--client-id-prefix P] [--instance-id-prefix P] [--session-timeout-ms MS]",
            "        [--heartbeat-interval-ms MS] [--max-poll-interval-ms MS] [--auto-commit true|false]",
            "        [--stable-ms MS] [--ready-timeout-ms MS] [--exit-after-ready true]",
            "        stdin: stall I | resume I | report",
            "  share BS GROUP --members N --topics T [--ack accept|release|reject] [--max-records N]",
            "        [--reset earliest|latest|none] [--client-id-prefix P] [--stable-ms MS]   stdin: report",
            "  streams BS APP_ID --input T --output T2 [--instances N] [--with-state true|false]",
            "        [--protocol streams|classic] [--stable-ms MS]        stdin: report",
            "  produce BS TOPIC PARTITION COUNT [--key-prefix P] [--value-prefix P] [--acks A]",
            "  commit BS GROUP T:P=O... [--metadata M]",
            "  committed BS GROUP T:P...",
            "  create-topic BS TOPIC PARTITIONS [RF] [--topic-config k=v]...",
            "  open-transaction BS TOPIC PARTITION COUNT [--transactional-id ID]   stdin: commit | abort",
            "  cluster BS");

    public static void main(String[] argv) {
        if (argv.length == 0 || argv[0].equals("-h") || argv[0].equals("--help")) {
            System.err.println(USAGE);
            System.exit(argv.length == 0 ? 2 : 0);
        }
        int rc;
        try {
            Args a = new Args(argv, 1);
            rc = switch (argv[0]) {
                case "group" -> GroupDriver.run(a);
                case "share" -> ShareDriver.run(a);
                case "streams" -> StreamsDriver.run(a);
                case "produce" -> Simple.produce(a);
                case "commit" -> Simple.commit(a);
                case "committed" -> Simple.committed(a);
                case "create-topic" -> Simple.createTopic(a);
                case "open-transaction" -> Simple.openTransaction(a);
                case "cluster" -> Simple.cluster(a);
                default -> throw new Args.Usage("unknown subcommand " + argv[0]);
            };
        } catch (Args.Usage u) {
            System.err.println("drivers: " + u.getMessage());
            System.err.println(USAGE);
            rc = 2;
        } catch (Throwable t) {
            error(t);
            rc = 1;
        }
        System.out.flush();
        System.exit(rc);
    }

    /** Reports an exception as {"event":"error",...} on stdout and its stack trace on stderr. */
    static void error(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Json.emit(Json.obj("event", "error", "error", root.getClass().getName(),
                "message", String.valueOf(root.getMessage())));
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        System.err.print(sw);
        System.err.flush();
    }

    /** Feeds each stdin line (trimmed, non-empty) to the handler and returns at EOF. */
    static void readStdin(Consumer<String> handler) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (!line.isEmpty()) {
                    handler.accept(line);
                }
            }
        } catch (IOException e) {
            // a broken stdin counts as closed
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
