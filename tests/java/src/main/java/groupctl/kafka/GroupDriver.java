package groupctl.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code group BS GROUP --members N --topics T1,T2 ...}: N KafkaConsumer threads in one group.
 * Prints {"event":"ready",...} once every member has had an assignment, the union of the
 * assignments covers every partition of the topics without overlap, the group coordinator
 * (DescribeConsumerGroups) agrees: group STABLE, N members, each member's assignment equal to what
 * the member holds and, for the consumer protocol, to its target assignment; and all of that has
 * stayed the same for --stable-ms (2000). Polls and commits after each poll that returned records or followed a
 * rebalance, until stdin closes; then closes every consumer (leaving the group) and prints
 * {"event":"stopped"}. stdin: "stall I" (member I stops calling poll), "resume I", "report".
 * With --exit-after-ready true it stops right after "ready" (or "not_ready") instead.
 */
final class GroupDriver {
    private GroupDriver() {}

    static final class Member implements Runnable, ConsumerRebalanceListener {
        final int index;
        final String clientId;
        final String instanceId;
        final Properties props;
        final List<String> topics;
        final boolean autoCommit;
        final boolean lookUpPartitions;
        volatile KafkaConsumer<byte[], byte[]> consumer;
        volatile boolean stalled;
        volatile boolean stopping;
        volatile boolean assignedOnce;
        volatile String memberId = "";
        volatile int generation = -1;
        volatile List<Object> assignment = List.of();
        volatile Set<TopicPartition> assigned = Set.of();
        volatile Set<TopicPartition> expected;
        volatile long records;
        volatile long commits;
        volatile long rebalances;
        volatile String lastError;
        final AtomicBoolean changed = new AtomicBoolean();
        final Thread thread;

        Member(int index, String clientId, String instanceId, Properties props, List<String> topics,
               boolean autoCommit, boolean lookUpPartitions) {
            this.index = index;
            this.clientId = clientId;
            this.instanceId = instanceId;
            this.props = props;
            this.topics = topics;
            this.autoCommit = autoCommit;
            this.lookUpPartitions = lookUpPartitions;
            this.thread = new Thread(this, "member-" + index);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedOnce = true;
            rebalances++;
            changed.set(true);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            changed.set(true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            changed.set(true);
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
                consumer = c;
                if (lookUpPartitions) {
                    Set<TopicPartition> all = new HashSet<>();
                    for (String t : topics) {
                        List<PartitionInfo> infos = c.partitionsFor(t, Duration.ofSeconds(30));
                        if (infos != null) {
                            for (PartitionInfo pi : infos) {
                                all.add(new TopicPartition(pi.topic(), pi.partition()));
                            }
                        }
                    }
                    expected = all;
                }
                c.subscribe(topics, this);
                while (!stopping) {
                    if (stalled) {
                        Main.sleep(20);
                        continue;
                    }
                    ConsumerRecords<byte[], byte[]> r;
                    try {
                        r = c.poll(Duration.ofMillis(100));
                    } catch (WakeupException e) {
                        continue;
                    }
                    records += r.count();
                    boolean rebalanced = changed.getAndSet(false);
                    if (!autoCommit && (r.count() > 0 || rebalanced) && !stopping) {
                        try {
                            c.commitSync(Duration.ofSeconds(10));
                            commits++;
                        } catch (WakeupException e) {
                            continue;
                        } catch (KafkaException e) {
                            lastError = e.toString();
                        }
                    }
                    snapshot(c);
                }
                consumer = null;
            } catch (WakeupException e) {
                // closing
            } catch (Throwable t) {
                lastError = t.toString();
                Main.error(t);
            }
        }

        private void snapshot(KafkaConsumer<byte[], byte[]> c) {
            ConsumerGroupMetadata m = c.groupMetadata();
            memberId = m.memberId() == null ? "" : m.memberId();
            generation = m.generationId();
            Set<TopicPartition> a = c.assignment();
            assigned = Set.copyOf(a);
            assignment = Clients.pairs(a);
        }

        Map<String, Object> json() {
            return Json.obj("index", index, "member_id", memberId, "client_id", clientId,
                    "group_instance_id", instanceId, "generation", generation, "assignment", assignment,
                    "records", records, "commits", commits, "stalled", stalled);
        }
    }

    static int run(Args a) throws InterruptedException {
        String bs = a.pos(0, "BS");
        String group = a.pos(1, "GROUP");
        int n = a.intOpt("members", 1);
        List<String> topics = Clients.topics(a);
        String protocol = a.opt("protocol", "classic");
        String assignor = a.opt("assignor", null);
        String clientPrefix = a.opt("client-id-prefix", group + "-member");
        String instancePrefix = a.opt("instance-id-prefix", null);
        boolean autoCommit = a.boolOpt("auto-commit", false);
        long stableMs = a.intOpt("stable-ms", 2000);
        long readyTimeoutMs = a.intOpt("ready-timeout-ms", 120_000);
        boolean exitAfterReady = a.boolOpt("exit-after-ready", false);
        CountDownLatch decided = new CountDownLatch(1);

        List<Member> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Properties p = Clients.base(bs);
            p.put("group.id", group);
            p.put("key.deserializer", ByteArrayDeserializer.class.getName());
            p.put("value.deserializer", ByteArrayDeserializer.class.getName());
            p.put("auto.offset.reset", "earliest");
            p.put("enable.auto.commit", String.valueOf(autoCommit));
            String clientId = clientPrefix + "-" + i;
            p.put("client.id", clientId);
            String instanceId = null;
            if (instancePrefix != null) {
                instanceId = instancePrefix + "-" + i;
                p.put("group.instance.id", instanceId);
            }
            if (protocol.equals("consumer")) {
                p.put("group.protocol", "consumer");
                if (assignor != null) {
                    p.put("group.remote.assignor", assignor);
                }
            } else if (protocol.equals("classic")) {
                p.put("group.protocol", "classic");
                if (assignor != null) {
                    p.put("partition.assignment.strategy", classicAssignor(assignor));
                }
                int session = a.intOpt("session-timeout-ms", 6000);
                p.put("session.timeout.ms", String.valueOf(session));
                p.put("heartbeat.interval.ms",
                        String.valueOf(a.intOpt("heartbeat-interval-ms", Math.max(100, Math.min(500, session / 3)))));
            } else {
                throw new Args.Usage("--protocol is classic or consumer, not " + protocol);
            }
            String mpi = a.opt("max-poll-interval-ms", null);
            if (mpi != null) {
                p.put("max.poll.interval.ms", mpi);
            }
            Clients.finish(p, a);
            members.add(new Member(i, clientId, instanceId, p, topics, autoCommit, i == 0));
        }
        for (Member m : members) {
            m.thread.start();
        }

        Properties adminProps = Clients.finish(Clients.base(bs), a);
        adminProps.put("client.id", clientPrefix + "-admin");
        Thread watcher = new Thread(() -> {
            try (Admin admin = Admin.create(adminProps)) {
                watchReady(admin, group, members, stableMs, readyTimeoutMs);
            } finally {
                decided.countDown();
            }
        }, "ready-watcher");
        watcher.setDaemon(true);
        watcher.start();

        if (exitAfterReady) {
            decided.await();
        } else {
            Main.readStdin(line -> command(line, group, members));
        }

        // No wakeup(): each member notices within one 100 ms poll, and close() then leaves the group.
        for (Member m : members) {
            m.stopping = true;
        }
        for (Member m : members) {
            try {
                m.thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Json.emit(Json.obj("event", "stopped", "group", group));
        return 0;
    }

    static String classicAssignor(String name) {
        return switch (name) {
            case "range" -> "org.apache.kafka.clients.consumer.RangeAssignor";
            case "roundrobin" -> "org.apache.kafka.clients.consumer.RoundRobinAssignor";
            case "sticky" -> "org.apache.kafka.clients.consumer.StickyAssignor";
            case "cooperative-sticky" -> "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
            default -> name; // a class name
        };
    }

    private static void command(String line, String group, List<Member> members) {
        String[] w = line.split("\\s+");
        try {
            switch (w[0]) {
                case "stall", "resume" -> {
                    int i = Integer.parseInt(w[1]);
                    members.get(i).stalled = w[0].equals("stall");
                    Json.emit(Json.obj("event", w[0].equals("stall") ? "stalled" : "resumed", "index", i));
                }
                case "report" -> Json.emit(event("assignments", group, members));
                default -> Json.emit(Json.obj("event", "error", "message", "unknown command: " + line));
            }
        } catch (RuntimeException e) {
            Json.emit(Json.obj("event", "error", "message", "bad command: " + line + ": " + e));
        }
    }

    private static Map<String, Object> event(String name, String group, List<Member> members) {
        List<Object> ms = new ArrayList<>();
        for (Member m : members) {
            ms.add(m.json());
        }
        return Json.obj("event", name, "group", group, "stable", covered(members), "members", ms);
    }

    /** Every member assigned, no partition twice, and every expected partition somewhere. */
    private static boolean covered(List<Member> members) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        Set<TopicPartition> expected = members.isEmpty() ? Set.of() : members.get(0).expected;
        if (expected == null) {
            return false;
        }
        for (Member m : members) {
            if (!m.assignedOnce || m.memberId.isEmpty() || m.stalled) {
                return false;
            }
            Set<TopicPartition> s = m.assigned;
            union.addAll(s);
            total += s.size();
        }
        return total == union.size() && union.containsAll(expected);
    }

    /** What the coordinator says, or null when it disagrees with the members (or cannot say). */
    private static String coordinatorAgrees(Admin admin, String group, List<Member> members) {
        ConsumerGroupDescription d;
        try {
            d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
        if (d.groupState() != GroupState.STABLE || d.members().size() != members.size()) {
            return null;
        }
        if (d.groupEpoch().isPresent() && d.targetAssignmentEpoch().isPresent()
                && !d.groupEpoch().equals(d.targetAssignmentEpoch())) {
            return null;
        }
        for (Member m : members) {
            MemberDescription md = d.members().stream().filter(x -> x.consumerId().equals(m.memberId)).findFirst()
                    .orElse(null);
            if (md == null || !md.assignment().topicPartitions().equals(m.assigned)) {
                return null;
            }
            if (md.targetAssignment().isPresent()
                    && !md.targetAssignment().get().topicPartitions().equals(m.assigned)) {
                return null;
            }
        }
        return d.groupState() + "/" + d.groupEpoch().orElse(-1) + "/" + d.partitionAssignor();
    }

    private static void watchReady(Admin admin, String group, List<Member> members, long stableMs, long timeoutMs) {
        long start = System.currentTimeMillis();
        String last = null;
        long since = start;
        while (true) {
            if (members.stream().anyMatch(m -> m.stopping)) {
                return;
            }
            StringBuilder sig = new StringBuilder();
            for (Member m : members) {
                sig.append(m.memberId).append('=').append(m.assignment).append(';');
            }
            boolean ok = covered(members);
            String coordinator = ok ? coordinatorAgrees(admin, group, members) : null;
            ok = ok && coordinator != null;
            sig.append(coordinator);
            String s = sig.toString();
            long now = System.currentTimeMillis();
            if (!s.equals(last)) {
                last = s;
                since = now;
            }
            if (ok && now - since >= stableMs) {
                Map<String, Object> ev = event("ready", group, members);
                String[] c = coordinator.split("/", 3);
                ev.put("state", c[0]);
                ev.put("group_epoch", Integer.parseInt(c[1]));
                ev.put("assignor", c[2]);
                ev.put("ready_ms", now - start);
                Json.emit(ev);
                return;
            }
            if (now - start > timeoutMs) {
                Map<String, Object> ev = event("not_ready", group, members);
                ev.put("waited_ms", now - start);
                Json.emit(ev);
                return;
            }
            Main.sleep(100);
        }
    }
}
