package io.jcontainerd.ctr.aot;

import io.jcontainerd.ctr.CtrApp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The session the build's AOT training run of jctr goes through (dist/train-jctr-aot.sh, with
 * {@code -XX:AOTCacheOutput}): the commands users time and the everyday ones, each as one jctr
 * invocation in this one JVM, so that the classes every one of them needs are in the cache and not
 * only a pull's. A command that fails (no overlay mounts without root, say) still trains what it
 * loaded; the session reports it and goes on.
 *
 * <p>Arguments: the daemon's socket, an image reference served over plain HTTP, and optionally
 * {@code pull}: a session of pulls alone, for the cache that {@code bin/jctr} uses for pulls and
 * fetches. The JVM loads every class of its cache at start: with the whole session's 4,400
 * classes a small pull took ~15-25 ms longer than with the pull session's 2,900.
 */
public final class TrainingSession {
    private TrainingSession() {
    }

    public static void main(String[] args) throws IOException {
        String socket = args[0];
        String image = args[1];
        boolean pullsOnly = args.length > 2 && args[2].equals("pull");
        Path archive = Files.createTempFile("jctr-aot", ".tar");
        try {
            List<List<String>> commands = pullsOnly ? pulls(image) : everyday(image, archive);
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            for (List<String> command : commands) {
                String[] line = concat(List.of("-a", socket, "-n", "aot-training"), command);
                int status = new CtrApp(discard, discard).run(line);
                if (status != 0) {
                    System.err.println("train-jctr-aot: " + String.join(" ", command) + ": exit status " + status);
                }
            }
        } finally {
            Files.deleteIfExists(archive);
        }
        System.exit(0);
    }

    /** The commands users time and the everyday ones. */
    private static List<List<String>> everyday(String image, Path archive) {
        return List.of(
                List.of("version"),
                List.of("plugins", "ls"),
                List.of("namespaces", "ls"),
                List.of("content", "fetch", "--plain-http", image),
                List.of("images", "pull", "--plain-http", image),
                List.of("images", "ls"),
                List.of("images", "check"),
                List.of("images", "export", archive.toString(), image),
                List.of("images", "rm", "--sync", image),
                List.of("images", "import", archive.toString()),
                List.of("content", "ls"),
                List.of("snapshots", "ls"),
                List.of("containers", "create", image, "aot-training", "/true"),
                List.of("containers", "ls"),
                List.of("containers", "info", "aot-training"),
                List.of("tasks", "ls"),
                List.of("containers", "rm", "aot-training"),
                List.of("leases", "ls"),
                List.of("images", "rm", "--sync", image));
    }

    /** Pulls and a content fetch, each of an image the command before removed. */
    private static List<List<String>> pulls(String image) {
        return List.of(
                List.of("images", "pull", "--plain-http", image),
                List.of("images", "rm", "--sync", image),
                List.of("content", "fetch", "--plain-http", image),
                List.of("images", "rm", "--sync", image),
                List.of("images", "pull", "--plain-http", image),
                List.of("images", "rm", "--sync", image));
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }
}
