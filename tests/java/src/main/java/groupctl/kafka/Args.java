package groupctl.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Positional arguments and "--name value" options (an option may be repeated). */
final class Args {
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < argv.length) {
                    value = argv[++i];
                } else {
                    throw new Usage("option --" + name + " needs a value");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                positional.add(a);
            }
        }
    }

    String pos(int i, String what) {
        if (i >= positional.size()) {
            throw new Usage("missing argument " + what);
        }
        return positional.get(i);
    }

    List<String> rest(int from) {
        return from >= positional.size() ? List.of() : positional.subList(from, positional.size());
    }

    String opt(String name, String dflt) {
        List<String> v = options.get(name);
        return v == null ? dflt : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    int intOpt(String name, int dflt) {
        String v = opt(name, null);
        return v == null ? dflt : Integer.parseInt(v);
    }

    boolean boolOpt(String name, boolean dflt) {
        String v = opt(name, null);
        return v == null ? dflt : Boolean.parseBoolean(v);
    }

    /** Extra client properties given as --config key=value (repeatable). */
    Map<String, String> configs() {
        Map<String, String> m = new HashMap<>();
        for (String kv : all("config")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Usage("--config wants key=value, got " + kv);
            }
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    static final class Usage extends RuntimeException {
        Usage(String msg) {
            super(msg);
        }
    }
}
