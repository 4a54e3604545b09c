package groupctl.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code share BS GROUP --members N --topics T ...}: N KafkaShareConsumer threads in one share
 * group, acknowledging every record with --ack (accept). A share consumer has no assignment()
 * of its own, so "ready" comes from the group coordinator: DescribeShareGroups shows the group
 * STABLE with every member (matched by client id) holding an assignment, every member has
 * polled at least once, and that picture has held for --stable-ms (2000). Before the consumers
 * start, the group's share.auto.offset.reset is set to --reset (earliest; "none" leaves it).
 */
final class ShareDriver {
    private ShareDriver() {}

    static final class Member implements Runnable {
        final int index;
        final String clientId;
        final Properties props;
        final List<String> topics;
        final AcknowledgeType ack;
        volatile KafkaShareConsumer<byte[], byte[]> consumer;
        volatile boolean stopping;
        volatile long polls;
        volatile long records;
        volatile String lastError;
        final Thread thread;

        Member(int index, String clientId, Properties props, List<String> topics, AcknowledgeType ack) {
            this.index = index;
            this.clientId = clientId;
            this.props = props;
            this.topics = topics;
            this.ack = ack;
            this.thread = new Thread(this, "share-member-" + index);
        }

        @Override
        public void run() {
            try (KafkaShareConsumer<byte[], byte[]> c = new KafkaShareConsumer<>(props)) {
                consumer = c;
                c.subscribe(topics);
                while (!stopping) {
                    ConsumerRecords<byte[], byte[]> r;
                    try {
                        r = c.poll(Duration.ofMillis(100));
                    } catch (WakeupException e) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> rec : r) {
                        c.acknowledge(rec, ack);
                    }
                    records += r.count();
                    polls++;
                }
                consumer = null;
            } catch (Throwable t) {
                lastError = t.toString();
                Main.error(t);
            }
        }
    }

    static int run(Args a) throws Exception {
        String bs = a.pos(0, "BS");
        String group = a.pos(1, "GROUP");
        int n = a.intOpt("members", 1);
        List<String> topics = Clients.topics(a);
        AcknowledgeType ack = switch (a.opt("ack", "accept")) {
            case "accept" -> AcknowledgeType.ACCEPT;
            case "release" -> AcknowledgeType.RELEASE;
            case "reject" -> AcknowledgeType.REJECT;
            default -> throw new Args.Usage("--ack is accept, release or reject");
        };
        String reset = a.opt("reset", "earliest");
        String clientPrefix = a.opt("client-id-prefix", group + "-share");
        long stableMs = a.intOpt("stable-ms", 2000);
        long readyTimeoutMs = a.intOpt("ready-timeout-ms", 120_000);

        Properties ap = Clients.finish(Clients.base(bs), a);
        ap.put("client.id", clientPrefix + "-admin");
        try (Admin admin = Admin.create(ap)) {
            if (!reset.equals("none")) {
                ConfigResource res = new ConfigResource(ConfigResource.Type.GROUP, group);
                AlterConfigOp op = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", reset),
                        AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(res, List.of(op))).all().get(30, TimeUnit.SECONDS);
            }
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Properties p = Clients.base(bs);
                p.put("group.id", group);
                p.put("key.deserializer", ByteArrayDeserializer.class.getName());
                p.put("value.deserializer", ByteArrayDeserializer.class.getName());
                p.put("share.acknowledgement.mode", "explicit");
                String clientId = clientPrefix + "-" + i;
                p.put("client.id", clientId);
                String max = a.opt("max-records", null);
                if (max != null) {
                    p.put("max.poll.records", max);
                }
                Clients.finish(p, a);
                members.add(new Member(i, clientId, p, topics, ack));
            }
            for (Member m : members) {
                m.thread.start();
            }
            Thread watcher = new Thread(() -> watchReady(admin, group, members, stableMs, readyTimeoutMs),
                    "ready-watcher");
            watcher.setDaemon(true);
            watcher.start();

            Main.readStdin(line -> {
                if (line.equals("report")) {
                    Json.emit(counts(group, members));
                } else {
                    Json.emit(Json.obj("event", "error", "message", "unknown command: " + line));
                }
            });
            for (Member m : members) {
                m.stopping = true;
            }
            for (Member m : members) {
                m.thread.join(60_000);
            }
            Map<String, Object> ev = counts(group, members);
            ev.put("event", "stopped");
            Json.emit(ev);
        }
        return 0;
    }

    private static Map<String, Object> counts(String group, List<Member> members) {
        List<Object> ms = new ArrayList<>();
        long total = 0;
        for (Member m : members) {
            ms.add(Json.obj("index", m.index, "client_id", m.clientId, "records", m.records, "polls", m.polls,
                    "error", m.lastError));
            total += m.records;
        }
        return Json.obj("event", "counts", "group", group, "total", total, "members", ms);
    }

    private static void watchReady(Admin admin, String group, List<Member> members, long stableMs,
                                   long timeoutMs) {
        long start = System.currentTimeMillis();
        String last = null;
        long since = start;
        List<Object> described = List.of();
        String state = "";
        while (members.stream().noneMatch(m -> m.stopping)) {
            boolean ok = false;
            String sig = "";
            try {
                ShareGroupDescription d = admin.describeShareGroups(List.of(group)).describedGroups().get(group)
                        .get(10, TimeUnit.SECONDS);
                state = String.valueOf(d.groupState());
                Map<String, ShareMemberDescription> byClient = new HashMap<>();
                for (ShareMemberDescription md : d.members()) {
                    byClient.put(md.clientId(), md);
                }
                List<Object> out = new ArrayList<>();
                ok = d.groupState() == GroupState.STABLE;
                for (Member m : members) {
                    ShareMemberDescription md = byClient.get(m.clientId);
                    Collection<TopicPartition> tps = md == null ? Set.of() : md.assignment().topicPartitions();
                    if (md == null || tps.isEmpty() || m.polls == 0) {
                        ok = false;
                    }
                    out.add(Json.obj("index", m.index, "member_id", md == null ? null : md.consumerId(),
                            "client_id", m.clientId, "member_epoch", md == null ? null : md.memberEpoch(),
                            "assignment", Clients.pairs(tps)));
                }
                described = out;
                sig = Json.write(out);
            } catch (Exception e) {
                ok = false;
            }
            long now = System.currentTimeMillis();
            if (!sig.equals(last)) {
                last = sig;
                since = now;
            }
            if (ok && now - since >= stableMs) {
                Json.emit(Json.obj("event", "ready", "group", group, "state", state, "ready_ms", now - start,
                        "members", described));
                return;
            }
            if (now - start > timeoutMs) {
                Json.emit(Json.obj("event", "not_ready", "group", group, "state", state, "waited_ms", now - start,
                        "members", described));
                return;
            }
            Main.sleep(200);
        }
    }
}
