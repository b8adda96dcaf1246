package io.jcontainerd.core.errdefs;

/**
 * Factories that phrase messages the way containerd wraps its sentinels
 * ({@code fmt.Errorf("namespace %q: %w", ns, errdefs.ErrNotFound)} reads
 * {@code namespace "x": not found}), so clients that match on text keep working.
 */
public final class Errdefs {
    private Errdefs() {
    }

    /** {@code <context>: <kind text>}, the shape of upstream's wrapped sentinel errors. */
    public static ErrdefsException wrap(ErrorKind kind, String context) {
        return new ErrdefsException(kind, context + ": " + kind.text());
    }

    public static ErrdefsException notFound(String context) {
        return wrap(ErrorKind.NOT_FOUND, context);
    }

    public static ErrdefsException alreadyExists(String context) {
        return wrap(ErrorKind.ALREADY_EXISTS, context);
    }

    public static ErrdefsException invalidArgument(String context) {
        return wrap(ErrorKind.INVALID_ARGUMENT, context);
    }

    public static ErrdefsException failedPrecondition(String context) {
        return wrap(ErrorKind.FAILED_PRECONDITION, context);
    }

    public static ErrdefsException notImplemented(String context) {
        return wrap(ErrorKind.NOT_IMPLEMENTED, context);
    }

    public static ErrdefsException unavailable(String context) {
        return wrap(ErrorKind.UNAVAILABLE, context);
    }

    /** Strings a Go-style {@code %q}: double quotes with backslash escapes. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
