package io.jcontainerd.ttrpc;

import io.jcontainerd.api.ttrpc.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's metadata: multi-valued string pairs. On the wire each value is its own
 * {@code KeyValue}, keys repeating. containerd puts the namespace under
 * {@code containerd-namespace-ttrpc}.
 *
 * @param entries values per key, in arrival order; immutable
 */
public record Metadata(Map<String, List<String>> entries) {
    public static final Metadata EMPTY = new Metadata(Map.of());

    public Metadata {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        entries.forEach((key, values) -> copy.put(key, List.copyOf(values)));
        entries = Collections.unmodifiableMap(copy);
    }

    /** {@return the values of {@code key}, empty if absent; looked up lowercased, like upstream's MD.Get} */
    public List<String> get(String key) {
        return entries.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }

    /** {@return the first value of {@code key}} */
    public Optional<String> first(String key) {
        return get(key).stream().findFirst();
    }

    static Metadata of(List<KeyValue> pairs) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (KeyValue pair : pairs) {
            entries.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(pair.getValue());
        }
        return new Metadata(entries);
    }

    List<KeyValue> toPairs() {
        return entries.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .map(v -> KeyValue.newBuilder().setKey(e.getKey()).setValue(v).build()))
                .toList();
    }
}
