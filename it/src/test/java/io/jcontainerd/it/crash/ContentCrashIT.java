package io.jcontainerd.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.JcontainerdHome;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's crash tests: our daemon killed with SIGKILL while content comes in through Debian's
 * ctr, restarted on the same root, state and socket, then checked through ctr and by reading its
 * content directory. SIGKILL loses what the process held, not what it had handed to the kernel;
 * power loss (where the order of fsyncs matters) is beyond what a test can do here.
 */
class ContentCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    /** The random-kill test runs at least this many rounds, more until kills caught two commits. */
    private static final int MIN_ROUNDS = 6;
    private static final int MAX_ROUNDS = 20;
    /** How long ctr ingests may take to notice that their daemon died before they are stopped. */
    private static final Duration CTR_GRACE = Duration.ofSeconds(1);
    /** Go's units.HumanSize: four significant digits, powers of 1000. */
    private static final Pattern HUMAN_SIZE = Pattern.compile("([0-9.]+)(B|kB|MB|GB|TB)");

    private JcontainerdHome home;
    private Path config;
    private DaemonProcess daemon;

    @BeforeAll
    static void needs() {
        Host.assumeExecutable(JcontainerdHome.CTR);
        Host.assumeExecutable(Path.of("/bin/bash"));
        Host.assumeExecutable(Path.of("/usr/bin/sha256sum"));
    }

    @BeforeEach
    void startDaemon() {
        home = new JcontainerdHome();
        // as containerd's, our collector removes at startup blobs that no lease or label holds, which
        // ctr's ingests are: without it, what a restart finds is what the content store kept
        config = home.config("disabled_plugins = [\"io.containerd.gc.v1.scheduler\"]\n");
        daemon = home.start(config);
    }

    @AfterEach
    void removeDaemon() {
        daemon.close();
        home.close();
    }

    @Test
    void an_ingest_killed_half_way_resumes_from_its_offset_after_a_restart() throws Exception {
        SeededContent layer = new SeededContent(1, GIB);
        String digest = layer.digest();
        String ref = "big-layer";
        String[] ingest = {"content", "ingest", "--expected-size", Long.toString(GIB), "--expected-digest", digest,
            ref};
        long sent = GIB / 2;

        try (BackgroundProcess first = BackgroundProcess.startPiped(home.ctrCommand(ingest))) {
            // returns once ctr has read all but what the pipe buffers
            layer.writeTo(first.stdin(), 0, sent);
            daemon.kill();
            assertThat(first.finish(TIMEOUT).exitCode()).as("ctr whose daemon died").isNotZero();
        }
        daemon = home.start(config);

        Path data = onlyIngest().resolve("data");
        long offset = Files.size(data);
        assertThat(offset).as("bytes the crashed daemon kept").isPositive().isLessThanOrEqualTo(sent);
        Map<String, Long> active = activeIngests();
        assertThat(active).containsOnlyKeys(ref);
        assertThat(active.get(ref)).as("ctr content active SIZE (4 digits)")
                .isCloseTo(offset, within(offset / 2000));

        // only the bytes from the offset on are there to read: ctr must seek to where the daemon says it is
        Path tail = home.dir().resolve("tail");
        layer.writeTailTo(tail, offset);
        ProcessResult resumed = home.ctrReading(tail, ingest);
        Files.delete(tail);
        assertThat(resumed.exitCode()).as("resumed ingest: %s", resumed).isZero();

        assertThat(sha256OfCtrGet(digest)).isEqualTo(digest);
        assertThat(Files.size(blobFile(digest))).isEqualTo(GIB);
        assertThat(activeIngests()).isEmpty();
        assertThat(children(contentRoot().resolve("ingest"))).as("ingest directories").isEmpty();
    }

    @Test
    void blobs_committed_while_the_daemon_is_killed_at_random_moments_are_whole_or_absent() throws Exception {
        long seed = new Random().nextLong();
        Random killTimes = new Random(seed);
        Traffic traffic = new Traffic(seed & 0xFFFF_FFFFL);
        int rounds = 0;
        ContentState state;
        int caught;
        do {
            traffic.ingestUntilKilled(Duration.ofMillis(killTimes.nextInt(1200)));
            daemon = home.start(config);
            rounds++;
            state = contentState();
            caught = state.commitsCaught(traffic);
        } while (rounds < MIN_ROUNDS || caught < 2 && rounds < MAX_ROUNDS);
        System.out.printf("seed %d, %d rounds: %d ingests sent, %d acknowledged, %d listed, %d blob files,"
                        + " %d ingests left; %d kills caught a commit (all data in, no acknowledgement yet)%n",
                seed, rounds, traffic.sent.size(), traffic.acknowledged.size(), state.listed().size(),
                state.blobFiles().size(), state.ingested().size(), caught);

        assertThat(caught).as("kills that landed between an ingest's last byte and ctr's acknowledgement").isPositive();
        assertThat(state.listed().keySet()).as("ctr content ls").containsAll(traffic.acknowledged);
        assertThat(state.blobFiles().keySet()).as("blob files").containsAll(state.listed().keySet());
        assertThat(traffic.sent.keySet()).as("blob files the test sent").containsAll(state.blobFiles().keySet());
        for (Map.Entry<String, Path> blob : state.blobFiles().entrySet()) {
            String digest = blob.getKey();
            assertThat(Sha256.of(blob.getValue())).as("bytes of %s", blob.getValue()).isEqualTo(digest);
            assertThat(Files.size(blob.getValue())).as("size of %s", digest).isEqualTo(traffic.sent.get(digest).size());
        }
        for (Map.Entry<String, Long> blob : state.listed().entrySet()) {
            long size = traffic.sent.get(blob.getKey()).size();
            assertThat(blob.getValue()).as("ctr content ls SIZE of %s", blob.getKey())
                    .isCloseTo(size, within(size / 2000));
            assertThat(sha256OfCtrGet(blob.getKey())).isEqualTo(blob.getKey());
        }
        for (Map.Entry<String, Long> ingest : state.ingested().entrySet()) {
            assertThat(ingest.getValue()).as("data of ingest %s", ingest.getKey())
                    .isLessThanOrEqualTo(traffic.sentAs(ingest.getKey()).size());
        }
    }

    /** Two clients ingesting blobs of varied sizes through ctr; what they sent, and which commits ctr acknowledged. */
    private final class Traffic {
        /** By digest. */
        final Map<String, SeededContent> sent = new ConcurrentHashMap<>();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final Set<BackgroundProcess> running = ConcurrentHashMap.newKeySet();
        private final AtomicLong nextSeed;

        Traffic(long firstSeed) {
            nextSeed = new AtomicLong(firstSeed);
        }

        /**
         * Ingests until the first commit of this round and {@code killAfter} more have passed,
         * then kills the daemon in the middle of what is under way.
         *
         * @throws AssertionError if no ingest commits within the timeout
         */
        void ingestUntilKilled(Duration killAfter) throws InterruptedException {
            int committedBefore = acknowledged.size();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < 2; client++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        ingestOne(blobOfVariedSize(nextSeed.getAndIncrement()));
                    }
                }));
            }
            try {
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (acknowledged.size() == committedBefore) {
                    assertThat(System.nanoTime()).as("time to the round's first commit").isLessThan(deadline);
                    Thread.sleep(10);
                }
                Thread.sleep(killAfter);
            } finally {
                stop.set(true);
                daemon.kill();
                // ctr 1.6 retries opening its writer for as long as the daemon is unavailable, so a
                // ctr that connected just before the kill would never end: stop what still runs
                for (Thread client : clients) {
                    client.join(CTR_GRACE);
                }
                running.forEach(BackgroundProcess::close);
                for (Thread client : clients) {
                    client.join(TIMEOUT);
                }
            }
            assertThat(clients).as("clients still ingesting").noneMatch(Thread::isAlive);
        }

        private void ingestOne(SeededContent blob) {
            String digest = blob.digest();
            sent.put(digest, blob);
            List<String> command = home.ctrCommand("content", "ingest", "--expected-size", Long.toString(blob.size()),
                    "--expected-digest", digest, refOf(blob));
            try (BackgroundProcess ctr = BackgroundProcess.startPiped(command)) {
                running.add(ctr);
                try {
                    blob.writeTo(ctr.stdin(), 0, blob.size());
                } catch (IOException brokenPipe) {
                    // ctr gave up (its daemon died): its exit code says so
                }
                if (ctr.finish(TIMEOUT).exitCode() == 0) {
                    acknowledged.add(digest);
                }
                running.remove(ctr);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** {@return the blob sent under {@code recordedRef}, the ref as the daemon records it (namespace first)} */
        SeededContent sentAs(String recordedRef) {
            return sent.values().stream().filter(blob -> recordedRef.endsWith("/" + refOf(blob))).findFirst()
                    .orElseThrow(() -> new AssertionError("ingest of a ref the test did not send: " + recordedRef));
        }

        private static String refOf(SeededContent blob) {
            return "blob-" + blob.seed();
        }

        /** Two in three blobs of 1 to 8 MiB (their commit's fsync takes a while), the others up to 64 KiB. */
        private static SeededContent blobOfVariedSize(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            long size = random.nextInt(3) == 0 ? 1 + random.nextInt(64 << 10) : MIB + random.nextLong(7 * MIB);
            return new SeededContent(seed, size);
        }
    }

    /**
     * What the daemon holds: the blobs {@code ctr content ls} lists (digest to SIZE), the blob
     * files (digest to path) and the ingests left (ref, as the daemon records it, to bytes).
     */
    private record ContentState(Map<String, Long> listed, Map<String, Path> blobFiles, Map<String, Long> ingested) {
        /**
         * {@return how many ingests a kill stopped after their last byte and before ctr heard
         * of the commit: left with all their data, or committed (as a file, maybe also listed)
         * without an acknowledgement}
         */
        int commitsCaught(Traffic traffic) {
            long complete = ingested.entrySet().stream()
                    .filter(ingest -> ingest.getValue() == traffic.sentAs(ingest.getKey()).size()).count();
            long unacknowledged = blobFiles.keySet().stream()
                    .filter(digest -> !traffic.acknowledged.contains(digest)).count();
            return Math.toIntExact(complete + unacknowledged);
        }
    }

    private ContentState contentState() throws IOException {
        Map<String, Path> blobFiles = new LinkedHashMap<>();
        for (Path file : children(contentRoot().resolve("blobs/sha256"))) {
            blobFiles.put("sha256:" + file.getFileName(), file);
        }
        Map<String, Long> ingested = new LinkedHashMap<>();
        for (Path ingest : children(contentRoot().resolve("ingest"))) {
            if (!Files.exists(ingest.resolve("data"))) {
                continue; // killed while laying the ingest out: without data it is no ingest to the daemon
            }
            ingested.put(Files.readString(ingest.resolve("ref"), StandardCharsets.UTF_8),
                    Files.size(ingest.resolve("data")));
        }
        return new ContentState(listedBlobs(), blobFiles, ingested);
    }

    private Path contentRoot() {
        return home.root().resolve("io.containerd.content.v1.content");
    }

    private Path blobFile(String digest) {
        return contentRoot().resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private Path onlyIngest() throws IOException {
        List<Path> ingests = children(contentRoot().resolve("ingest"));
        assertThat(ingests).as("ingest directories").hasSize(1);
        return ingests.getFirst();
    }

    /** {@return the entries of {@code dir}, none if the daemon has not created it yet} */
    private static List<Path> children(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    /** {@code ctr content active}: ref to SIZE, the offset as Go's units.HumanSize prints it. */
    private Map<String, Long> activeIngests() {
        return table(home.ctr("content", "active"), "REF", 1);
    }

    /** {@code ctr content ls}: digest to SIZE. */
    private Map<String, Long> listedBlobs() {
        return table(home.ctr("content", "ls"), "DIGEST", 1);
    }

    private static Map<String, Long> table(ProcessResult result, String firstHeader, int sizeColumn) {
        assertThat(result.exitCode()).as("%s", result).isZero();
        String[] lines = result.stdout().split("\n");
        assertThat(lines[0]).startsWith(firstHeader + "\t");
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] columns = lines[i].split("\t+");
            rows.put(columns[0], humanSize(columns[sizeColumn]));
        }
        return rows;
    }

    private static long humanSize(String text) {
        Matcher m = HUMAN_SIZE.matcher(text);
        assertThat(m.matches()).as("a human size: %s", text).isTrue();
        int power = List.of("B", "kB", "MB", "GB", "TB").indexOf(m.group(2));
        return Math.round(Double.parseDouble(m.group(1)) * Math.pow(1000, power));
    }

    /** {@code ctr content get <digest> | sha256sum}, as {@code sha256:<hex>}; fails if either command does. */
    private String sha256OfCtrGet(String digest) {
        List<String> command = List.of("/bin/bash", "-o", "pipefail", "-c",
                "\"$0\" -a \"$1\" content get \"$2\" | sha256sum", JcontainerdHome.CTR.toString(),
                home.socket().toString(), digest);
        ProcessResult result = new ProcessRunner(TIMEOUT, Map.of()).run(command);
        assertThat(result.exitCode()).as("ctr content get %s: %s", digest, result).isZero();
        return "sha256:" + result.stdout().substring(0, 64);
    }
}
