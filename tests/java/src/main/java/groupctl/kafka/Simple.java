package groupctl.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The one-shot drivers: produce, commit, committed, create-topic, open-transaction, cluster. */
final class Simple {
    private Simple() {}

    private static Properties producerProps(Args a, String bs) {
        Properties p = Clients.base(bs);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", a.opt("acks", "all"));
        p.put("linger.ms", "5");
        return p;
    }

    /** produce BS TOPIC PARTITION COUNT: keys KEYPREFIX-i, values VALUEPREFIX-i; PARTITION -1 lets the partitioner pick. */
    static int produce(Args a) throws Exception {
        String bs = a.pos(0, "BS");
        String topic = a.pos(1, "TOPIC");
        int partition = Integer.parseInt(a.pos(2, "PARTITION"));
        int count = Integer.parseInt(a.pos(3, "COUNT"));
        String keyPrefix = a.opt("key-prefix", "key");
        String valuePrefix = a.opt("value-prefix", "value");
        Properties p = Clients.finish(producerProps(a, bs), a);
        Map<Integer, Long> last = new TreeMap<>();
        Map<Integer, Long> first = new TreeMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ProducerRecord<String, String> r = partition < 0
                        ? new ProducerRecord<>(topic, keyPrefix + "-" + i, valuePrefix + "-" + i)
                        : new ProducerRecord<>(topic, partition, keyPrefix + "-" + i, valuePrefix + "-" + i);
                sent.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                last.merge(m.partition(), m.offset(), Math::max);
                first.merge(m.partition(), m.offset(), Math::min);
            }
        }
        Json.emit(Json.obj("event", "produced", "topic", topic, "partition", partition, "count", count,
                "first_offsets", strKeys(first), "last_offsets", strKeys(last)));
        return 0;
    }

    private static Map<String, Object> strKeys(Map<Integer, Long> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Properties consumerProps(Args a, String bs, String group) {
        Properties p = Clients.base(bs);
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return Clients.finish(p, a);
    }

    /** commit BS GROUP T:P=O...: a classic consumer's commitSync, then close. */
    static int commit(Args a) {
        String bs = a.pos(0, "BS");
        String group = a.pos(1, "GROUP");
        String metadata = a.opt("metadata", "");
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String s : a.rest(2)) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new Args.Usage("expected TOPIC:PARTITION=OFFSET, got " + s);
            }
            TopicPartition tp = Clients.parseTp(s.substring(0, eq));
            long off = Long.parseLong(s.substring(eq + 1));
            offsets.put(tp, new OffsetAndMetadata(off, metadata));
            shown.put(Clients.tpKey(tp), off);
        }
        if (offsets.isEmpty()) {
            throw new Args.Usage("commit needs at least one TOPIC:PARTITION=OFFSET");
        }
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(a, bs, group))) {
            c.commitSync(offsets, Duration.ofSeconds(30));
        }
        Json.emit(Json.obj("event", "committed", "group", group, "offsets", shown));
        return 0;
    }

    /** committed BS GROUP T:P...: prints {"T:P": offset or null, ...}. */
    static int committed(Args a) {
        String bs = a.pos(0, "BS");
        String group = a.pos(1, "GROUP");
        Set<TopicPartition> tps = new HashSet<>();
        List<TopicPartition> order = new ArrayList<>();
        for (String s : a.rest(2)) {
            TopicPartition tp = Clients.parseTp(s);
            if (tps.add(tp)) {
                order.add(tp);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> got;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(a, bs, group))) {
            got = c.committed(tps, Duration.ofSeconds(30));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (TopicPartition tp : order) {
            OffsetAndMetadata om = got.get(tp);
            out.put(Clients.tpKey(tp), om == null ? null : om.offset());
        }
        Json.emit(out);
        return 0;
    }

    /** create-topic BS TOPIC PARTITIONS [RF] [--topic-config k=v]... */
    static int createTopic(Args a) throws Exception {
        String bs = a.pos(0, "BS");
        String topic = a.pos(1, "TOPIC");
        int partitions = Integer.parseInt(a.pos(2, "PARTITIONS"));
        short rf = a.positional.size() > 3 ? Short.parseShort(a.positional.get(3)) : 1;
        Map<String, String> configs = new HashMap<>();
        for (String kv : a.all("topic-config")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.Usage("--topic-config wants key=value, got " + kv);
            }
            configs.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        NewTopic nt = new NewTopic(topic, Optional.of(partitions), Optional.of(rf)).configs(configs);
        try (Admin admin = Admin.create(Clients.finish(Clients.base(bs), a))) {
            try {
                admin.createTopics(List.of(nt)).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    Json.emit(Json.obj("event", "exists", "topic", topic));
                    return 0;
                }
                throw e;
            }
        }
        Json.emit(Json.obj("event", "created", "topic", topic, "partitions", partitions, "replication_factor", rf));
        return 0;
    }

    /**
     * open-transaction BS TOPIC PARTITION COUNT: writes COUNT records in a transaction and keeps it
     * open; stdin "commit" or "abort" ends it, and stdin EOF aborts it if still open.
     */
    static int openTransaction(Args a) {
        String bs = a.pos(0, "BS");
        String topic = a.pos(1, "TOPIC");
        int partition = Integer.parseInt(a.pos(2, "PARTITION"));
        int count = Integer.parseInt(a.pos(3, "COUNT"));
        String txnId = a.opt("transactional-id", "groupctl-txn-" + UUID.randomUUID());
        Properties p = producerProps(a, bs);
        p.put("transactional.id", txnId);
        p.put("transaction.timeout.ms", a.opt("transaction-timeout-ms", "600000"));
        Clients.finish(p, a);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            long lastOffset = -1;
            for (int i = 0; i < count; i++) {
                try {
                    lastOffset = producer.send(new ProducerRecord<>(topic, partition, "txn-" + i, "txn-value-" + i))
                            .get().offset();
                } catch (InterruptedException | ExecutionException e) {
                    throw new RuntimeException(e);
                }
            }
            Json.emit(Json.obj("event", "ready", "transactional_id", txnId, "topic", topic, "partition", partition,
                    "count", count, "last_offset", lastOffset));
            final boolean[] open = {true};
            Main.readStdin(line -> {
                if (!open[0]) {
                    Json.emit(Json.obj("event", "error", "message", "the transaction is over"));
                } else if (line.equals("commit")) {
                    producer.commitTransaction();
                    open[0] = false;
                    Json.emit(Json.obj("event", "committed", "transactional_id", txnId));
                } else if (line.equals("abort")) {
                    producer.abortTransaction();
                    open[0] = false;
                    Json.emit(Json.obj("event", "aborted", "transactional_id", txnId));
                } else {
                    Json.emit(Json.obj("event", "error", "message", "unknown command: " + line));
                }
            });
            if (open[0]) {
                producer.abortTransaction();
                Json.emit(Json.obj("event", "aborted", "transactional_id", txnId));
            }
        }
        return 0;
    }

    /** cluster BS: Admin describeCluster. */
    static int cluster(Args a) throws Exception {
        String bs = a.pos(0, "BS");
        try (Admin admin = Admin.create(Clients.finish(Clients.base(bs), a))) {
            DescribeClusterResult r = admin.describeCluster();
            List<Object> brokers = new ArrayList<>();
            List<Node> nodes = new ArrayList<>(r.nodes().get(30, TimeUnit.SECONDS));
            nodes.sort((x, y) -> Integer.compare(x.id(), y.id()));
            for (Node n : nodes) {
                brokers.add(Json.obj("id", n.id(), "host", n.host(), "port", n.port()));
            }
            Node controller = r.controller().get(30, TimeUnit.SECONDS);
            Json.emit(Json.obj("event", "cluster", "cluster_id", r.clusterId().get(30, TimeUnit.SECONDS),
                    "controller", controller == null ? null : controller.id(), "brokers", brokers));
        }
        return 0;
    }
}
