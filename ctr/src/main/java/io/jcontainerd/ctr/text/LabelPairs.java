package io.jcontainerd.ctr.text;

import java.util.Arrays;
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
                .sorted(LabelPairs::compareCodePoints)
                .collect(Collectors.joining(","));
    }

    /** {@return {@link #joined}, or {@code -} when there are no labels, as ctr's list tables show them} */
    public static String joinedOrDash(Map<String, String> labels) {
        return labels.isEmpty() ? "-" : joined(labels);
    }

    /** Go sorts strings bytewise (UTF-8), which is code point order, not UTF-16 order. */
    private static int compareCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
