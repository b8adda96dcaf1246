package io.jcontainerd.core.content;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opening a writer on a ref that another writer may hold, as upstream's {@code content.OpenWriter}:
 * while the store answers UNAVAILABLE (the ref is locked) the open is retried after a random
 * pause whose bound doubles from 16 ms to 2 s. It waits as long as the other writer holds the ref;
 * an interrupt ends the wait as upstream's cancelled context does.
 */
public final class OpenWriter {
    private static final int FIRST_BOUND_MILLIS = 16;
    private static final int MAX_BOUND_MILLIS = 2048;

    private OpenWriter() {
    }

    /** One attempt at opening the writer. */
    @FunctionalInterface
    public interface Attempt<W, E extends Exception> {
        W open() throws E;
    }

    /**
     * {@return the writer {@code attempt} opens once the ref is free}
     *
     * @throws ErrdefsException CANCELED when interrupted while waiting; any other error of the attempt as it is
     */
    public static <W, E extends Exception> W waiting(Attempt<W, E> attempt) throws E {
        int bound = FIRST_BOUND_MILLIS;
        while (true) {
            try {
                return attempt.open();
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.UNAVAILABLE) {
                    throw e;
                }
            }
            try {
                Thread.sleep(1 + ThreadLocalRandom.current().nextInt(bound));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErrdefsException(ErrorKind.CANCELED, "context canceled", e);
            }
            bound = Math.min(bound << 1, MAX_BOUND_MILLIS);
        }
    }
}
