package io.jcontainerd.daemon;

import io.jcontainerd.daemon.log.Log;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.registry.tls.SslContexts;

/**
 * The daemon's warm-up, on one background thread once it serves, each step after a lull in client
 * work: the classes of the AOT cache's training ({@link ClassWarmUp}), then the caches that a
 * first pull would otherwise build while the user waits (about 50 ms of CPU):
 * <ul>
 *   <li>Jackson's readers of index, manifest and config documents;
 *   <li>the JDK's default TLS context, with its trust store of some 150 certificates, which
 *       every registry HTTP client loads when it is built, plain-HTTP ones included.
 * </ul>
 * A fresh daemon's first pull of the small bench image spent 107-115 ms in the Transfer call
 * before these, 82-95 ms after (five fresh daemons each).
 */
final class WarmUp {
    private WarmUp() {
    }

    static void start(ClassWarmUp.Lull lull) {
        Thread.ofPlatform().daemon().name("warm-up").start(() -> {
            try {
                ClassWarmUp.runFromProperty(lull);
                lull.await();
                long start = System.nanoTime();
                preparePulls();
                Log.debug("pull warm-up done", "ms", (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // a pull builds the same things itself and reports what fails there
                Log.debug("pull warm-up failed", "error", e.toString());
            }
        });
    }

    /** Builds what a first pull needs and keeps for the next: reader and TLS caches. */
    private static void preparePulls() {
        ImageJson.prepare();
        SslContexts.loadDefault();
    }
}
