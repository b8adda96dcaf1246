package io.jcontainerd.daemon;

import io.jcontainerd.daemon.log.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Initialises, on a background thread once the daemon serves, the classes that the AOT cache's
 * training run initialised (the build lists them, {@code aot.InitializedClasses}). With the cache,
 * a class's initialisation is what releases the compiles that the training recorded for its
 * methods ({@code -XX:+AOTCompileEagerly}). Without this, a fresh daemon's first pull initialised
 * some 1,200 classes and waited on their compiles: the small bench image's Transfer call took
 * 220-340 ms in the daemon, the next pull 80-90 ms; with it, the first takes 120-150 ms.
 *
 * <p>It yields to clients: each batch waits for a lull, as its compiles take ~0.8 s of CPU in all.
 * Run at once, it slowed the work of a daemon used as soon as it started (a content fetch started
 * right after another, ~150 ms; the first five of 20 {@code ctr run --rm}, ~10 ms each).
 */
final class ClassWarmUp {
    /** The system property naming the list, one binary class name a line; bin/jcontainerd sets it with the cache. */
    static final String LIST_PROPERTY = "jcontainerd.warmClasses";

    /** Classes initialised between two waits for a lull (~3 ms of work, and the compiles it releases). */
    static final int BATCH = 100;
    /** How long clients must have left the daemon alone before a batch. */
    static final Duration LULL = Duration.ofMillis(500);

    /** What a warm-up did: classes initialised (or already so) and names that would not load. */
    record Outcome(int initialised, int skipped) {
    }

    /** Waits until clients leave the daemon alone. */
    @FunctionalInterface
    interface Lull {
        void await() throws InterruptedException;
    }

    private ClassWarmUp() {
    }

    /**
     * Initialises the classes of the list the system property names, if it names one, each batch
     * after a {@code lull}; on the calling thread ({@link WarmUp}'s).
     */
    static void runFromProperty(Lull lull) throws InterruptedException {
        String list = System.getProperty(LIST_PROPERTY);
        if (list == null || list.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            Outcome outcome = initialise(Files.readAllLines(Path.of(list)), ClassWarmUp.class.getClassLoader(), lull);
            Log.debug("class warm-up done", "classes", outcome.initialised(), "skipped", outcome.skipped(),
                    "ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            Log.warn("class warm-up: cannot read " + list + ": " + e.getMessage());
        }
    }

    /**
     * Initialises each named class through {@code loader}, in order, {@link #BATCH} at a time each
     * after a {@code lull}, skipping blank lines and names that do not load. A class whose
     * initialiser throws stays unusable, as after any failed first use; the training initialised
     * every listed class without a failure.
     */
    static Outcome initialise(List<String> names, ClassLoader loader, Lull lull) throws InterruptedException {
        int initialised = 0;
        int skipped = 0;
        for (int i = 0; i < names.size(); i++) {
            if (i % BATCH == 0) {
                lull.await();
            }
            String name = names.get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                Class.forName(name, true, loader);
                initialised++;
            } catch (ClassNotFoundException | LinkageError e) {
                skipped++;
            }
        }
        return new Outcome(initialised, skipped);
    }
}
