package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Info;
import io.jcontainerd.ctr.text.GoJson;
import io.jcontainerd.ctr.text.GoStrings;
import io.jcontainerd.ctr.text.GoTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What ctr's {@code PrintAsJSON} ({@code json.MarshalIndent(x, "", "    ")}) writes for the two
 * values this group prints: a {@code snapshots.Info} ({@code Parent} and {@code Labels} omitted
 * when empty, labels sorted, times as RFC 3339 with nanoseconds in UTC) and a list of
 * {@code mount.Mount} (no {@code Target} in 1.6; no options read as {@code null}).
 */
final class SnapshotJson {
    private static final String INDENT = "    ";
    /** Go's zero {@code time.Time}, for a time the daemon did not send. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private SnapshotJson() {
    }

    static String info(Info info) {
        StringBuilder b = new StringBuilder("{\n");
        field(b, 1, "Kind", quoted(info.kind().toString()), true);
        field(b, 1, "Name", quoted(info.name()), true);
        if (!info.parent().isEmpty()) {
            field(b, 1, "Parent", quoted(info.parent()), true);
        }
        if (!info.labels().isEmpty()) {
            field(b, 1, "Labels", labels(info.labels()), true);
        }
        field(b, 1, "Created", time(info.created()), true);
        field(b, 1, "Updated", time(info.updated()), false);
        return b.append('}').toString();
    }

    static String mounts(List<Mount> mounts) {
        if (mounts.isEmpty()) {
            return "[]";
        }
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            b.append(INDENT).append("{\n");
            field(b, 2, "Type", quoted(m.type()), true);
            field(b, 2, "Source", quoted(m.source()), true);
            field(b, 2, "Options", strings(m.options(), 2), false);
            b.append(INDENT).append('}').append(i < mounts.size() - 1 ? "," : "").append('\n');
        }
        return b.append(']').toString();
    }

    private static void field(StringBuilder b, int level, String name, String value, boolean more) {
        b.append(INDENT.repeat(level)).append(quoted(name)).append(": ").append(value).append(more ? ",\n" : "\n");
    }

    private static String labels(Map<String, String> labels) {
        List<String> keys = labels.keySet().stream().sorted(GoStrings::compare).toList();
        StringBuilder b = new StringBuilder("{\n");
        for (int i = 0; i < keys.size(); i++) {
            field(b, 2, keys.get(i), quoted(labels.get(keys.get(i))), i < keys.size() - 1);
        }
        return b.append(INDENT).append('}').toString();
    }

    /** A list of strings at nesting {@code level}; {@code null} for none (a nil slice). */
    private static String strings(List<String> values, int level) {
        if (values.isEmpty()) {
            return "null";
        }
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < values.size(); i++) {
            b.append(INDENT.repeat(level + 1)).append(quoted(values.get(i))).append(i < values.size() - 1 ? ",\n" : "\n");
        }
        return b.append(INDENT.repeat(level)).append(']').toString();
    }

    private static String time(Instant t) {
        return quoted(GoTime.rfc3339NanoUtc(t == null ? GO_ZERO_TIME : t));
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder();
        GoJson.string(s, b);
        return b.toString();
    }
}
