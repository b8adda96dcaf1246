package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import io.jcontainerd.registry.testing.Bcrypt;
import io.jcontainerd.registry.testing.LocalRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jctr's client-side registry commands ({@code images pull}, {@code images push}, {@code content
 * fetch}, {@code fetch-object}, {@code push-object}) against Debian's ctr, with a real
 * {@code docker-registry} on 127.0.0.1 (plain HTTP, and one with htpasswd Basic auth): the same
 * output (the last progress table, whose lines ctr orders by which download starts first, sorted,
 * and its timing line without numbers) and the same content, images and snapshots left behind.
 * Where the two sides push, each pushes to a repository of its own ({@code <side>} in arguments).
 */
abstract class RegistryJctrParityBase extends DaemonParityBase {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret";

    @TempDir
    static Path dir;
    private LocalRegistry plain;
    private LocalRegistry basic;
    private String app;
    private String multi;
    private String config;

    @BeforeAll
    void startRegistries() throws IOException, InterruptedException {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        plain = LocalRegistry.in(Files.createDirectories(dir.resolve("plain"))).start();
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), USER + ":" + Bcrypt.hash(PASSWORD, 5) + "\n");
        basic = LocalRegistry.in(Files.createDirectories(dir.resolve("basic"))).htpasswd(htpasswd).start();
        Path layout = dir.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/hostname", "registry\n", "bin/hello", "#!/bin/sh\necho hello\n"),
                Map.of("etc/motd", "second layer\n"),
                Map.of("etc/hostname", "third\n")));
        config = configDigest(layout);
        app = plain.address() + "/src/app:v1";
        TestImages.skopeoCopy(layout, "v1", "docker://" + app, List.of("--dest-tls-verify=false"));
        TestImages.skopeoCopy(layout, "v1", "docker://" + basic.address() + "/src/app:v1",
                List.of("--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD));
        Path multiLayout = dir.resolve("multi");
        TestImages.ociIndexLayout(multiLayout, "v2", Map.of(
                "amd64", Map.of("etc/arch", "amd64\n"),
                "arm64", Map.of("etc/arch", "arm64\n")));
        multi = plain.address() + "/src/multi:v2";
        TestImages.skopeoCopy(multiLayout, "v2", "docker://" + multi, List.of("--all", "--dest-tls-verify=false"));
    }

    @AfterAll
    void stopRegistries() {
        if (plain != null) {
            plain.close();
        }
        if (basic != null) {
            basic.close();
        }
    }

    /** The config digest of the layout's only manifest. */
    private static String configDigest(Path layout) throws IOException {
        String index = Files.readString(layout.resolve("index.json"));
        String manifest = index.replaceAll("(?s).*\"digest\":\"sha256:([0-9a-f]{64})\".*", "$1");
        String body = Files.readString(layout.resolve("blobs/sha256/" + manifest));
        return body.replaceAll("(?s).*\"config\":\\{[^}]*\"digest\":\"(sha256:[0-9a-f]{64})\".*", "$1");
    }

    /**
     * A progress display's output as far as timing does not decide it: only the last table, its
     * lines sorted, {@code elapsed: <time>}; what follows it as printed, but {@code done: <duration>}.
     * A blob that was there already reads "done" like one fetched: ctr says "exists" only when a
     * 100 ms tick looked it up before the fetch ended, which a fast fetch does not wait for.
     * Applied to stderr too, where it drops only ctr's progress race ({@link #withoutCancelRace}).
     */
    static String lastTable(String stdout) {
        List<String> lines = stdout.lines().toList();
        int last = -1;
        int previous = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("elapsed: ")) {
                previous = last;
                last = i;
            }
        }
        if (last < 0) {
            return withoutCancelRace(stdout);
        }
        List<String> table = new ArrayList<>(lines.subList(previous + 1, last));
        table.sort(null);
        table.add("elapsed: <time>");
        table.addAll(lines.subList(last + 1, lines.size()));
        return table.stream().map(l -> l.replaceAll("^done: \\S+\t$", "done: <duration>\t")
                        .replaceAll(":( +)exists( +)\\|", ":$1done  $2|"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Without the error ctr logs when its last progress tick queries the store just as the fetch
     * cancels the tick's context (a race in ctr 1.6, seen now and then).
     */
    private static String withoutCancelRace(String stderr) {
        return stderr.lines().filter(l -> !l.matches(".*level=error msg=\"(failed to get content info|active check failed)\" "
                + "error=\"context canceled\".*")).map(l -> l + "\n").collect(Collectors.joining());
    }

    private String[] ns(String namespace, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-n";
        command[1] = namespace;
        System.arraycopy(args, 0, command, 2, args.length);
        return command;
    }

    /** Blobs with their labels sorted (ctr prints them in Go's random map order; ages differ). */
    private static String contentState(String ls) {
        return ls.lines().skip(1).map(line -> {
            String[] columns = line.split("\t+");
            return columns[0] + " " + columns[1] + " " + Arrays.stream(columns[columns.length - 1].split(","))
                    .sorted().collect(Collectors.joining(","));
        }).sorted().collect(Collectors.joining("\n"));
    }

    /** Images without the age-free columns changing: ctr's listing as is. */
    private void sameState(String namespace) {
        parity.assertSameState(RegistryJctrParityBase::contentState, ns(namespace, "content", "ls"));
        parity.assertSameState(UnaryOperator.identity(), ns(namespace, "images", "ls"));
        parity.assertSameState(UnaryOperator.identity(), ns(namespace, "snapshots", "ls"));
        parity.assertSameState(UnaryOperator.identity(), ns(namespace, "leases", "ls", "-q"));
    }

    /**
     * Runs {@code args} on both sides, each with {@code <side>} read as its own name ({@code ctr},
     * {@code jctr}), and asserts the same results with the names read back as {@code <side>}.
     */
    private ProcessResult sameBySide(UnaryOperator<String> normalizer, String... args) {
        ProcessResult expected = parity.ctr(side(args, "ctr")).map(t -> t.replace("/ctr/", "/<side>/")).map(normalizer);
        ProcessResult actual = parity.tested(side(args, "jctr")).map(t -> t.replace("/jctr/", "/<side>/")).map(normalizer);
        assertThat(actual).as("%s: %s", parity.pairing(), String.join(" ", args)).isEqualTo(expected);
        return actual;
    }

    private static String[] side(String[] args, String name) {
        return Arrays.stream(args).map(a -> a.replace("<side>", name)).toArray(String[]::new);
    }

    @Test
    void pullUnpacksWithCtrsOutputAndStateThenPullsAgainFromWhatIsThere() {
        String ns = "reg-pull";
        ProcessResult pulled = parity.assertSame(RegistryJctrParityBase::lastTable,
                ns(ns, "images", "pull", "--plain-http", "--print-chainid", app));
        assertThat(pulled.stdout()).contains(app + ": ").contains("unpacking linux/amd64 sha256:")
                .contains("image chain ID: sha256:").endsWith("done: <duration>\t\n");
        sameState(ns);
        // everything is there now: nothing new in the store
        parity.assertSame(RegistryJctrParityBase::lastTable, ns(ns, "images", "pull", "--plain-http", app));
        sameState(ns);
        parity.assertSame(ns(ns, "images", "check"));
    }

    @Test
    void fetchRecordsTheImageAndLabelsContentForEachPlatformChoice() {
        String ns = "reg-fetch";
        parity.assertSame(RegistryJctrParityBase::lastTable, ns(ns, "content", "fetch", "--plain-http", app));
        sameState(ns);
        parity.assertSame(RegistryJctrParityBase::lastTable,
                ns(ns, "content", "fetch", "--plain-http", "--platform", "linux/arm64", multi));
        sameState(ns);
        parity.assertSame(RegistryJctrParityBase::lastTable,
                ns(ns, "content", "fetch", "--plain-http", "--metadata-only", multi));
        sameState(ns);
        parity.assertSame(RegistryJctrParityBase::lastTable,
                ns(ns, "content", "fetch", "--plain-http", "--all-platforms", "--label", "team=infra", multi));
        sameState(ns);
    }

    @Test
    void fetchObjectWritesTheObjectAndUnknownTagsFailAlike() {
        parity.assertSame("content", "fetch-object", "--plain-http", app);
        parity.assertSame("content", "fetch-object", "--plain-http", multi);
        parity.assertSame("content", "fetch-object", "--plain-http", plain.address() + "/src/app@" + config);
        // no registry host "src": Go names the name server it asked, so only the error's start can be the same
        UnaryOperator<String> untilTheResolver = t -> t.lines().filter(l -> l.startsWith("ctr: "))
                .map(l -> l.replaceAll(": lookup src.*", "")).collect(Collectors.joining("\n"));
        ProcessResult unknownHost = parity.assertSame(untilTheResolver, "content", "fetch-object", "--plain-http", "src/app:v1");
        assertThat(unknownHost.stderr()).isEqualTo("ctr: failed to do request: Head \"http://src/v2/app/manifests/v1\": dial tcp");
    }

    @Test
    void pushMountsFromTheSourceRepositoryAndTagsTheManifest() {
        String ns = "reg-push";
        parity.assertSame(RegistryJctrParityBase::lastTable, ns(ns, "content", "fetch", "--plain-http", app));
        ProcessResult pushed = sameBySide(RegistryJctrParityBase::lastTable,
                ns(ns, "images", "push", "--plain-http", plain.address() + "/<side>/app:v1", app));
        assertThat(pushed.stdout()).contains("manifest-sha256:").contains("config-sha256:").doesNotContain("layer-");
        // what each side pushed reads back the same
        sameBySide(UnaryOperator.identity(), "content", "fetch-object", "--plain-http", plain.address() + "/<side>/app:v1");
        // again: the registry has it all
        sameBySide(RegistryJctrParityBase::lastTable,
                ns(ns, "images", "push", "--plain-http", "--allow-non-distributable-blobs",
                        plain.address() + "/<side>/app:v1", app));
        sameBySide(UnaryOperator.identity(), ns(ns, "images", "push", "--plain-http", plain.address() + "/<side>/x:1", "absent"));
    }

    @Test
    void pushObjectPushesABlobOnceThenReportsItThere() {
        String ns = "reg-push-object";
        parity.assertSame(RegistryJctrParityBase::lastTable, ns(ns, "content", "fetch", "--plain-http", app));
        String repo = plain.address() + "/<side>/objects:1";
        sameBySide(UnaryOperator.identity(), ns(ns, "content", "push-object", "--plain-http", repo, config,
                "application/vnd.oci.image.config.v1+json"));
        sameBySide(UnaryOperator.identity(), ns(ns, "content", "push-object", "--plain-http", repo, config,
                "application/vnd.oci.image.config.v1+json"));
        sameBySide(UnaryOperator.identity(), ns(ns, "content", "fetch-object", "--plain-http",
                plain.address() + "/<side>/objects@" + config));
    }

    @Test
    void basicAuthWithUserPullsAndWithoutFailsAlike() {
        String ns = "reg-basic";
        String ref = basic.address() + "/src/app:v1";
        parity.assertSame(RegistryJctrParityBase::lastTable,
                ns(ns, "images", "pull", "--plain-http", "--user", USER + ":" + PASSWORD, ref));
        sameState(ns);
        parity.assertSame("content", "fetch-object", "--plain-http", "-u", USER + ":" + PASSWORD, ref);
        ProcessResult refused = parity.assertSame(RegistryJctrParityBase::lastTable,
                "content", "fetch-object", "--plain-http", "-u", USER + ":wrong", ref);
        assertThat(refused.exitCode()).isEqualTo(1);
    }
}
