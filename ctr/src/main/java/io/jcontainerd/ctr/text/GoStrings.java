package io.jcontainerd.ctr.text;

import java.util.Arrays;

/** Go's string ordering. */
public final class GoStrings {
    private GoStrings() {
    }

    /** Go compares strings bytewise (UTF-8), which is code point order, not Java's UTF-16 order. */
    public static int compare(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
