package io.jcontainerd.ctr.text;

import java.util.Map;
import java.util.stream.Collectors;

/** Labels as ctr's tables show them: {@code key=value} pairs sorted as Go sorts strings, comma-joined. */
public final class LabelPairs {
    private LabelPairs() {
    }

    /** {@return e.g. {@code a=1,b=2}; empty when there are no labels} */
    public static String joined(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted(GoStrings::compare)
                .collect(Collectors.joining(","));
    }

    /** {@return {@link #joined}, or {@code -} when there are no labels, as ctr's list tables show them} */
    public static String joinedOrDash(Map<String, String> labels) {
        return labels.isEmpty() ? "-" : joined(labels);
    }
}
