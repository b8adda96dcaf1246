package io.jcontainerd.core.filters;

import java.util.List;
import java.util.Optional;

/**
 * Exposes one object's fields to a {@link Filter} by field path, like containerd's
 * {@code filters.Adaptor}. Mapping a path such as {@code [labels, com.example.foo]} or
 * {@code [target, digest]} to a value is up to the implementation, which should follow protobuf
 * field path conventions; see {@link Adaptors} for the common pieces.
 */
@FunctionalInterface
public interface Adaptor {
    /**
     * Looks up a field.
     *
     * @param fieldpath the path, never empty: the fields of the selector in order, already unquoted
     * @return the field's value, or empty if the object has no such field (upstream's
     *     {@code present == false}). An empty string may be present. For {@code !=} and {@code ~=}
     *     an absent field compares as the empty string, as upstream.
     */
    Optional<String> field(List<String> fieldpath);
}
