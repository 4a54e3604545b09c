package groupctl.kafka;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;

/** Client properties and topic-partition helpers shared by the drivers. */
final class Clients {
    private Clients() {}

    /** Starts a client's properties with the bootstrap servers. */
    static Properties base(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /**
     * Applies the caller's overrides last so they win: the file named by --config-file (or the
     * environment variable GROUPCTL_KAFKA_CLIENT_CONFIG), then each --config key=value.
     */
    static Properties finish(Properties p, Args a) {
        String file = a.opt("config-file", System.getenv("GROUPCTL_KAFKA_CLIENT_CONFIG"));
        if (file != null && !file.isEmpty()) {
            Properties f = new Properties();
            try (InputStream in = new FileInputStream(file)) {
                f.load(in);
            } catch (IOException e) {
                throw new Args.Usage("cannot read --config-file " + file + ": " + e.getMessage());
            }
            p.putAll(f);
        }
        p.putAll(a.configs());
        return p;
    }

    /** "topic:partition" */
    static TopicPartition parseTp(String s) {
        int c = s.lastIndexOf(':');
        if (c <= 0) {
            throw new Args.Usage("expected TOPIC:PARTITION, got " + s);
        }
        return new TopicPartition(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
    }

    static String tpKey(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    /** A sorted [["topic", partition], ...] list. */
    static List<Object> pairs(Collection<TopicPartition> tps) {
        List<TopicPartition> sorted = new ArrayList<>(tps);
        sorted.sort((x, y) -> {
            int c = x.topic().compareTo(y.topic());
            return c != 0 ? c : Integer.compare(x.partition(), y.partition());
        });
        List<Object> out = new ArrayList<>(sorted.size());
        for (TopicPartition tp : sorted) {
            out.add(Json.list(tp.topic(), tp.partition()));
        }
        return out;
    }

    static List<String> topics(Args a) {
        String t = a.opt("topics", a.opt("topic", null));
        if (t == null || t.isEmpty()) {
            throw new Args.Usage("--topics T1,T2 is required");
        }
        List<String> out = new ArrayList<>();
        for (String s : t.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
