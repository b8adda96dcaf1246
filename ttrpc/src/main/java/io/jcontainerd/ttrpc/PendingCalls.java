package io.jcontainerd.ttrpc;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client's calls awaiting their answer, by stream id. Once closed, every waiting and every later
 * call fails with {@link TtrpcClosedException}; one lock keeps the two from racing.
 */
final class PendingCalls {
    private static final System.Logger LOG = System.getLogger(PendingCalls.class.getName());

    private final Map<Integer, CompletableFuture<Received>> calls = new HashMap<>();
    private boolean closed;
    private Throwable closedBy;

    /** {@return where the answer on {@code streamId} will arrive} */
    synchronized CompletableFuture<Received> open(int streamId) throws TtrpcClosedException {
        if (closed) {
            throw new TtrpcClosedException(closedBy);
        }
        CompletableFuture<Received> answer = new CompletableFuture<>();
        calls.put(streamId, answer);
        return answer;
    }

    /** Hands {@code received} to the call waiting on its stream id, if any still is. */
    synchronized void answer(Received received) {
        CompletableFuture<Received> call = calls.remove(received.header().streamId());
        if (call == null) {
            // the caller gave up (timeout) before the answer came
            LOG.log(Level.DEBUG, () -> "ttrpc: no call waits on stream " + Integer.toUnsignedString(received.header().streamId()));
            return;
        }
        call.complete(received);
    }

    synchronized void forget(int streamId) {
        calls.remove(streamId);
    }

    /** Fails every waiting and later call; the first cause given is kept, null for a local close. */
    synchronized void close(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closedBy = cause;
        calls.values().forEach(call -> call.completeExceptionally(new TtrpcClosedException(cause)));
        calls.clear();
    }
}
