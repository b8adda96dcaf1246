package io.jcontainerd.core.filters;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Building blocks for {@link Adaptor} implementations, after the adaptors in containerd's metadata package. */
public final class Adaptors {
    private Adaptors() {
    }

    /**
     * Looks up a label (or annotation) the way containerd's {@code checkMap} does: the rest of the
     * field path after {@code labels} is joined with {@code "."} to form the key, so both
     * {@code labels."com.example.foo"} and {@code labels.com.example.foo} address the key
     * {@code com.example.foo}.
     *
     * @param labels the object's labels; null or empty means no label is present
     * @param rest the field path after the map's own name (may be empty: key {@code ""})
     * @return the label's value, or empty if it is not set
     */
    public static Optional<String> labels(Map<String, String> labels, List<String> rest) {
        if (labels == null || labels.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(labels.get(String.join(".", rest)));
    }

    /**
     * A scalar field that counts as present only when set, like upstream's
     * {@code return obj.Name, len(obj.Name) > 0}.
     *
     * @param value the field's value, possibly null
     * @return {@code value} if it is neither null nor empty, otherwise empty
     */
    public static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
