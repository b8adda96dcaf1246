package io.jcontainerd.client.oci;

import java.util.OptionalLong;

/**
 * A uid or gid as containerd bounds them since CVE-2024-40635: 0 to 2^31-1. Larger numbers once
 * wrapped to 0 on their way into the spec's 32-bit fields, so an image that looked unprivileged
 * ran as root.
 */
public final class UserId {
    public static final long MAX = Integer.MAX_VALUE;

    private UserId() {
    }

    /** {@return whether {@code s} is written as a number the way Go's {@code strconv.Atoi} reads one: a sign, then digits} */
    public static boolean isNumeric(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@return the id {@code s} writes; empty when it is not a number or out of range, however many digits it has} */
    public static OptionalLong parse(String s) {
        if (!isNumeric(s)) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(s);
            return id >= 0 && id <= MAX ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException tooManyDigits) {
            return OptionalLong.empty();
        }
    }
}
