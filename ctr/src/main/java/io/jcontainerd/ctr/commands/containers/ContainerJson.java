package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.text.GoJson;
import io.jcontainerd.ctr.text.GoJsonIndent;
import io.jcontainerd.ctr.text.GoStrings;
import io.jcontainerd.ctr.text.GoTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What {@code ctr containers info} prints ({@code json.MarshalIndent(x, "", "    ")}): the Go
 * {@code containers.Container} with its fields in declaration order (nil maps and an absent
 * runtime options as {@code null}, {@code Any} values as {@code type_url} and base64 {@code value}
 * left out when empty, times in RFC 3339 with nanoseconds), the spec last, as the JSON it is
 * stored as.
 */
final class ContainerJson {
    private static final String INDENT = "    ";
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private ContainerJson() {
    }

    static String info(Container container) {
        StringBuilder b = new StringBuilder("{");
        key(b, "ID").append(string(container.id())).append(',');
        key(b, "Labels").append(container.labels().isEmpty() ? "null" : labels(container.labels())).append(',');
        key(b, "Image").append(string(container.image())).append(',');
        key(b, "Runtime").append('{');
        key(b, "Name").append(string(container.runtime().name())).append(',');
        key(b, "Options").append(container.runtime().options() == null ? "null" : any(container.runtime().options()));
        b.append("},");
        key(b, "SnapshotKey").append(string(container.snapshotKey())).append(',');
        key(b, "Snapshotter").append(string(container.snapshotter())).append(',');
        key(b, "CreatedAt").append(time(container.createdAt())).append(',');
        key(b, "UpdatedAt").append(time(container.updatedAt())).append(',');
        key(b, "Extensions").append(container.extensions().isEmpty() ? "null" : extensions(container.extensions()));
        if (container.spec() != null && container.spec().size() > 0) {
            b.append(',');
            key(b, "Spec").append(spec(container.spec()));
        }
        return GoJsonIndent.indent(b.append('}').toString(), INDENT);
    }

    /** The spec alone, as {@code ctr containers info --spec} prints it. */
    static String spec(Container container) {
        return GoJsonIndent.indent(container.spec() == null ? "null" : spec(container.spec()), INDENT);
    }

    private static String spec(TypedValue spec) {
        return new String(spec.value(), StandardCharsets.UTF_8);
    }

    private static StringBuilder key(StringBuilder b, String name) {
        GoJson.string(name, b);
        return b.append(':');
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder();
        GoJson.string(s, b);
        return b.toString();
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        List<String> keys = labels.keySet().stream().sorted(GoStrings::compare).toList();
        for (int i = 0; i < keys.size(); i++) {
            key(b, keys.get(i)).append(string(labels.get(keys.get(i)))).append(i < keys.size() - 1 ? "," : "");
        }
        return b.append('}').toString();
    }

    private static String extensions(Map<String, TypedValue> extensions) {
        StringBuilder b = new StringBuilder("{");
        List<String> keys = extensions.keySet().stream().sorted(GoStrings::compare).toList();
        for (int i = 0; i < keys.size(); i++) {
            key(b, keys.get(i)).append(any(extensions.get(keys.get(i)))).append(i < keys.size() - 1 ? "," : "");
        }
        return b.append('}').toString();
    }

    /** gogo's {@code types.Any}: both fields {@code omitempty}. */
    private static String any(TypedValue value) {
        StringBuilder b = new StringBuilder("{");
        if (!value.typeUrl().isEmpty()) {
            key(b, "type_url").append(string(value.typeUrl()));
        }
        if (value.size() > 0) {
            if (!value.typeUrl().isEmpty()) {
                b.append(',');
            }
            key(b, "value").append(string(Base64.getEncoder().encodeToString(value.value())));
        }
        return b.append('}').toString();
    }

    private static String time(Instant t) {
        return string(GoTime.rfc3339NanoUtc(t == null ? GO_ZERO_TIME : t));
    }
}
