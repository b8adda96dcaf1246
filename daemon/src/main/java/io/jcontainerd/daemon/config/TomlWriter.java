package io.jcontainerd.daemon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a TOML tree the way {@code containerd config default} lays it out: keys sorted, plain
 * keys before sub-tables, each table headed by its full dotted name, indented two spaces per
 * level, and a blank line before every table.
 */
public final class TomlWriter {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlWriter() {
    }

    public static String write(Map<String, Object> tree) {
        StringBuilder out = new StringBuilder();
        writeTable(out, List.of(), new TreeMap<>(tree));
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeTable(StringBuilder out, List<String> path, Map<String, Object> table) {
        String indent = "  ".repeat(Math.max(0, path.size() - 1));
        if (!path.isEmpty()) {
            out.append('\n').append(indent).append('[').append(headerOf(path)).append("]\n");
        }
        String keyIndent = path.isEmpty() ? "" : "  ".repeat(path.size());
        List<String> subTables = new ArrayList<>();
        for (String key : new TreeMap<>(table).keySet()) {
            Object value = table.get(key);
            if (value instanceof Map<?, ?>) {
                subTables.add(key);
            } else {
                out.append(keyIndent).append(key(key)).append(" = ").append(value(value)).append('\n');
            }
        }
        for (String key : subTables) {
            List<String> sub = new ArrayList<>(path);
            sub.add(key);
            writeTable(out, sub, new TreeMap<>((Map<String, Object>) table.get(key)));
        }
    }

    private static String headerOf(List<String> path) {
        return String.join(".", path.stream().map(TomlWriter::key).toList());
    }

    static boolean isBareKey(String key) {
        return BARE_KEY.matcher(key).matches();
    }

    private static String key(String key) {
        return isBareKey(key) ? key : quote(key);
    }

    private static String value(Object value) {
        return switch (value) {
            case String s -> quote(s);
            case List<?> list -> {
                List<String> items = new ArrayList<>();
                for (Object o : list) {
                    items.add(value(o));
                }
                yield "[" + String.join(", ", items) + "]";
            }
            case Map<?, ?> table -> {
                // a table inside an array, e.g. unpack_config = [{platform = "linux/amd64", snapshotter = "overlayfs"}]
                List<String> entries = new ArrayList<>();
                new TreeMap<>(table).forEach((k, v) -> entries.add(key(String.valueOf(k)) + " = " + value(v)));
                yield "{" + String.join(", ", entries) + "}";
            }
            case Double d -> d == Math.rint(d) && !Double.isInfinite(d) ? String.format("%.1f", d) : Double.toString(d);
            case null -> "\"\"";
            default -> String.valueOf(value);
        };
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
