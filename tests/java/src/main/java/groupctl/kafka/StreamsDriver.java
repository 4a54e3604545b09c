package groupctl.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code streams BS APP_ID --input T --output T2 [--instances N] [--with-state true]}: N Kafka
 * Streams instances (one stream thread each) of one application in one JVM, using the streams
 * group protocol (KIP-1071, {@code group.protocol=streams}) unless --protocol classic.
 * Without state the topology is input -> mapValues -> output; with state it re-keys and counts
 * (input -> selectKey -> groupByKey -> count -> output), so the application has a repartition
 * topic and a changelog topic. Prints {"event":"ready",...} once every instance is RUNNING, has
 * active tasks, and (streams protocol) the group coordinator agrees: DescribeStreamsGroups shows
 * the group STABLE at its target assignment epoch with one member per instance, each at its
 * target assignment; and all that has stayed the same for --stable-ms (2000). Closes (leaving
 * the group) at stdin EOF and prints {"event":"stopped"}. stdin: "report".
 */
final class StreamsDriver {
    private StreamsDriver() {}

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static int run(Args a) throws Exception {
        String bs = a.pos(0, "BS");
        String app = a.pos(1, "APP_ID");
        String input = a.opt("input", null);
        String output = a.opt("output", null);
        if (input == null || output == null) {
            throw new Args.Usage("--input and --output are required");
        }
        int n = a.intOpt("instances", 1);
        boolean withState = a.boolOpt("with-state", false);
        String protocol = a.opt("protocol", "streams");
        long stableMs = a.intOpt("stable-ms", 2000);
        long readyTimeoutMs = a.intOpt("ready-timeout-ms", 120_000);

        Path stateRoot = Files.createTempDirectory("groupctl-streams-");
        List<KafkaStreams> instances = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Properties p = Clients.base(bs);
                p.put("application.id", app);
                p.put("group.protocol", protocol);
                p.put("state.dir", stateRoot.resolve("instance-" + i).toString());
                p.put("num.stream.threads", "1");
                p.put("commit.interval.ms", "200");
                p.put("default.key.serde", Serdes.ByteArray().getClass().getName());
                p.put("default.value.serde", Serdes.ByteArray().getClass().getName());
                Clients.finish(p, a);
                KafkaStreams ks = new KafkaStreams(topology(input, output, withState), p);
                final int index = i;
                ks.setUncaughtExceptionHandler(e -> {
                    Json.emit(Json.obj("event", "error", "index", index, "error", e.getClass().getName(),
                            "message", String.valueOf(e.getMessage())));
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
                });
                instances.add(ks);
            }
            for (KafkaStreams ks : instances) {
                ks.start();
            }
            final AtomicBoolean stopping = new AtomicBoolean();
            Properties adminProps = Clients.finish(Clients.base(bs), a);
            adminProps.put("client.id", app + "-driver-admin");
            boolean streamsProtocol = protocol.equals("streams");
            Thread watcher = new Thread(() -> {
                try (Admin admin = streamsProtocol ? Admin.create(adminProps) : null) {
                    watchReady(admin, app, instances, stableMs, readyTimeoutMs, stopping);
                }
            }, "ready-watcher");
            watcher.setDaemon(true);
            watcher.start();

            Main.readStdin(line -> {
                if (line.equals("report")) {
                    Json.emit(event("instances", app, instances));
                } else {
                    Json.emit(Json.obj("event", "error", "message", "unknown command: " + line));
                }
            });
            stopping.set(true);
        } finally {
            CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30));
            for (KafkaStreams ks : instances) {
                ks.close(leave);
            }
            deleteTree(stateRoot);
        }
        Json.emit(Json.obj("event", "stopped", "application_id", app));
        return 0;
    }

    static Topology topology(String input, String output, boolean withState) {
        StreamsBuilder b = new StreamsBuilder();
        var in = b.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        if (withState) {
            in.selectKey((k, v) -> k == null ? v : k)
                    .groupByKey(Grouped.with("by-key", Serdes.ByteArray(), Serdes.ByteArray()))
                    .count(Materialized.as("counts"))
                    .toStream()
                    .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
        } else {
            in.mapValues(v -> v).to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        }
        return b.build();
    }

    private static Map<String, Object> event(String name, String app, List<KafkaStreams> instances) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            KafkaStreams ks = instances.get(i);
            String processId = null;
            String clientId = null;
            TreeSet<String> active = new TreeSet<>();
            TreeSet<String> standby = new TreeSet<>();
            Set<TopicPartition> partitions = new HashSet<>();
            for (ThreadMetadata t : ks.metadataForLocalThreads()) {
                Matcher m = UUID.matcher(t.threadName());
                if (processId == null && m.find()) {
                    processId = m.group();
                }
                if (clientId == null) {
                    clientId = t.consumerClientId();
                }
                for (TaskMetadata tm : t.activeTasks()) {
                    active.add(tm.taskId().toString());
                    partitions.addAll(tm.topicPartitions());
                }
                for (TaskMetadata tm : t.standbyTasks()) {
                    standby.add(tm.taskId().toString());
                }
            }
            out.add(Json.obj("index", i, "process_id", processId, "client_id", clientId,
                    "state", ks.state().toString(), "tasks", new ArrayList<>(active),
                    "standby_tasks", new ArrayList<>(standby), "partitions", Clients.pairs(partitions)));
        }
        boolean running = instances.stream().allMatch(k -> k.state() == KafkaStreams.State.RUNNING);
        return Json.obj("event", name, "application_id", app, "state", running ? "RUNNING" : "NOT_RUNNING",
                "instances", out);
    }

    /** process id -> member id when the coordinator agrees with the instances, else null. */
    private static Map<String, String> coordinatorAgrees(Admin admin, String app, int instances) {
        StreamsGroupDescription d;
        try {
            d = admin.describeStreamsGroups(List.of(app)).describedGroups().get(app).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
        if (d.groupState() != GroupState.STABLE || d.groupEpoch() != d.targetAssignmentEpoch()
                || d.members().size() != instances) {
            return null;
        }
        Map<String, String> ids = new HashMap<>();
        for (StreamsGroupMemberDescription m : d.members()) {
            if (!m.assignment().equals(m.targetAssignment()) || m.memberEpoch() != d.targetAssignmentEpoch()) {
                return null;
            }
            ids.put(m.processId(), m.memberId());
        }
        ids.put("", "epoch " + d.groupEpoch());
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static void watchReady(Admin admin, String app, List<KafkaStreams> instances, long stableMs,
                                   long timeoutMs, AtomicBoolean stopping) {
        long start = System.currentTimeMillis();
        String last = null;
        long since = start;
        while (!stopping.get()) {
            Map<String, Object> ev = event("ready", app, instances);
            Map<String, String> members = admin == null ? Map.of() : coordinatorAgrees(admin, app, instances.size());
            if (members != null) {
                for (Object o : (List<Object>) ev.get("instances")) {
                    Map<String, Object> inst = (Map<String, Object>) o;
                    inst.put("member_id", members.get((String) inst.get("process_id")));
                }
            }
            String sig = Json.write(ev.get("instances")) + members;
            long now = System.currentTimeMillis();
            if (!sig.equals(last)) {
                last = sig;
                since = now;
            }
            boolean running = "RUNNING".equals(ev.get("state"));
            long tasks = 0;
            for (Object o : (List<Object>) ev.get("instances")) {
                tasks += ((List<Object>) ((Map<String, Object>) o).get("tasks")).size();
            }
            if (running && tasks > 0 && members != null && now - since >= stableMs) {
                ev.put("ready_ms", now - start);
                Json.emit(ev);
                return;
            }
            if (now - start > timeoutMs) {
                ev.put("event", "not_ready");
                ev.put("waited_ms", now - start);
                Json.emit(ev);
                return;
            }
            Main.sleep(100);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
