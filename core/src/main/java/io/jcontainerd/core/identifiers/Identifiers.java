package io.jcontainerd.core.identifiers;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.regex.Pattern;

/**
 * containerd's identifier rules: alphanumeric runs joined by single {@code . _ -} separators, at
 * most 76 characters. Identifiers that pass are safe as filesystem path components.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 76;
    /** The pattern as upstream prints it in its error message. */
    public static final String PATTERN = "^[A-Za-z0-9]+(?:[._-](?:[A-Za-z0-9]+))*$";
    private static final Pattern IDENTIFIER = Pattern.compile(PATTERN);

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
        if (!IDENTIFIER.matcher(s).matches()) {
            throw Errdefs.invalidArgument("identifier " + Errdefs.quote(s) + " must match " + PATTERN);
        }
    }

    public static boolean isValid(String s) {
        return s != null && !s.isEmpty() && s.length() <= MAX_LENGTH && IDENTIFIER.matcher(s).matches();
    }
}
