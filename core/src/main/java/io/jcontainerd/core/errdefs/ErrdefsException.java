package io.jcontainerd.core.errdefs;

import java.util.Optional;

/**
 * An error that carries its {@link ErrorKind}. Lower layers throw it with context in the message
 * (lowercase, naming the object); the gRPC edge maps the kind to a status code in one place.
 */
public final class ErrdefsException extends RuntimeException {
    private final ErrorKind kind;

    public ErrdefsException(ErrorKind kind, String message) {
        this(kind, message, null);
    }

    public ErrdefsException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    public boolean is(ErrorKind other) {
        return kind == other;
    }

    /** {@return the first errdefs error in {@code t}'s cause chain, if any} */
    public static Optional<ErrdefsException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ErrdefsException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** {@return whether {@code t} or a cause is an errdefs error of {@code kind}} */
    public static boolean is(Throwable t, ErrorKind kind) {
        return find(t).map(e -> e.kind == kind).orElse(false);
    }
}
