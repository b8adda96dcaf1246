package io.jcontainerd.core.identifiers;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;

/**
 * containerd's identifier rules: alphanumeric runs joined by single {@code . _ -} separators, at
 * most 76 characters. Identifiers that pass are safe as filesystem path components.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 76;
    /** The pattern as upstream prints it in its error message; {@link #matchesPattern} checks it. */
    public static final String PATTERN = "^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$";

    private Identifiers() {
    }

    /** Throws INVALID_ARGUMENT with upstream's wording unless {@code s} is a valid identifier. */
    public static void validate(String s) {
        if (s == null || s.isEmpty()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "identifier must not be empty: invalid argument");
        }
        if (s.length() > MAX_LENGTH) {
            throw Errdefs.invalidArgument("identifier " + Errdefs.quote(s)
                    + " greater than maximum length (" + MAX_LENGTH + " characters)");
        }
        if (!matchesPattern(s)) {
            throw Errdefs.invalidArgument("identifier " + Errdefs.quote(s) + " must match " + PATTERN);
        }
    }

    public static boolean isValid(String s) {
        return s != null && !s.isEmpty() && s.length() <= MAX_LENGTH && matchesPattern(s);
    }

    /**
     * {@link #PATTERN}, checked by hand: every call validates its namespace, and a loop over a few
     * characters costs far less than the regex engine, most of all before the JIT has compiled it.
     */
    static boolean matchesPattern(String s) {
        // at the start, as after a separator, an alphanumeric must come next
        boolean expectAlphanumeric = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                expectAlphanumeric = false;
            } else if ((c == '.' || c == '_' || c == '-') && !expectAlphanumeric) {
                expectAlphanumeric = true;
            } else {
                return false;
            }
        }
        return !expectAlphanumeric;
    }
}
