package io.jcontainerd.it.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.api.ttrpc.Request;
import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.JcontainerdHome;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.ttrpc.TtrpcClient;
import io.jcontainerd.ttrpc.TtrpcStatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our daemon as an operator meets it: flags, config files, plugins on/off, signals, restarts. */
class JcontainerdDaemonIT {
    JcontainerdHome home;

    @BeforeAll
    static void needs() {
        Host.assumeRoot();
        Host.assumeExecutable(JcontainerdHome.CTR);
    }

    @BeforeEach
    void newHome() {
        home = new JcontainerdHome();
    }

    @AfterEach
    void removeHome() {
        home.close();
    }

    @Test
    void version_flag_names_the_daemon_and_its_api_level() {
        ProcessResult v = home.jcontainerd("-v");
        assertThat(v.exitCode()).isZero();
        assertThat(v.stdout()).startsWith("jcontainerd github.com/jcontainerd/jcontainerd 1.6.20+jcontainerd.");
    }

    @Test
    void serves_ctr_and_survives_sigterm_and_restart_with_its_data() throws Exception {
        Path config = home.config("");
        String uuid;
        try (DaemonProcess daemon = home.start(config)) {
            ProcessResult version = home.ctr("version");
            assertThat(version.exitCode()).isZero();
            assertThat(version.stdout()).contains("Server:\n  Version:  1.6.20+jcontainerd.");
            uuid = uuidOf(version.stdout());
            assertThat(home.ctr("namespaces", "create", "kept", "a=b").exitCode()).isZero();

            Path ttrpc = Path.of(home.socket() + ".ttrpc");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.socket()))).isEqualTo("rw-rw----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ttrpc))).isEqualTo("rw-rw----");

            assertThat(daemon.stop()).as("exit code after SIGTERM").isZero();
            assertThat(home.socket()).doesNotExist();
            assertThat(ttrpc).doesNotExist();
        }
        try (DaemonProcess again = home.start(config)) {
            assertThat(uuidOf(home.ctr("version").stdout())).isEqualTo(uuid);
            assertThat(home.ctr("namespaces", "ls").stdout()).isEqualTo("NAME LABELS \nkept a=b    \n");
        }
    }

    /**
     * Nobody but root may traverse the root (CVE-2024-25621): a root left 0711 by an earlier
     * release is closed at start; the state keeps upstream's 0711.
     */
    @Test
    void the_root_is_private_even_when_an_earlier_start_left_it_open() throws Exception {
        Files.createDirectories(home.root());
        Files.setPosixFilePermissions(home.root(), PosixFilePermissions.fromString("rwx--x--x"));
        try (DaemonProcess daemon = home.start(home.config(""))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.root()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.dir().resolve("state"))))
                    .isEqualTo("rwx--x--x");
            assertThat(daemon.stop()).isZero();
        }
    }

    @Test
    void the_ttrpc_socket_speaks_ttrpc() {
        try (DaemonProcess daemon = home.start(home.config(""));
             TtrpcClient client = TtrpcClient.connect(Path.of(home.socket() + ".ttrpc"))) {
            TtrpcStatusException e = org.junit.jupiter.api.Assertions.assertThrows(TtrpcStatusException.class,
                    () -> client.call("containerd.task.v2.Task", "State", Request.getDefaultInstance(), Request.parser()));
            assertThat(e.code()).isEqualTo(12); // UNIMPLEMENTED: no shim services yet
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_second_daemon_on_a_live_socket_fails_and_leaves_the_first_serving() {
        Path config = home.config("");
        try (DaemonProcess first = home.start(config)) {
            ProcessResult second = home.jcontainerd("--config", config.toString());
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stdout() + second.stderr()).contains("address already in use");
            assertThat(home.ctr("version").exitCode()).isZero();
        }
    }

    /**
     * With the AOT cache, the launcher hands the daemon the classes the cache's training
     * initialised, and the daemon initialises them once it serves (ClassWarmUp), so that a first
     * pull does not wait on their compiles; then it builds what a first pull would (WarmUp).
     */
    @Test
    void after_boot_the_daemon_initialises_the_classes_its_training_listed_then_prepares_pulls() throws Exception {
        try (DaemonProcess daemon = home.start(home.config("[debug]\n  level = \"debug\"\n"))) {
            Matcher m = awaitLogged(daemon, Pattern.compile("msg=\"class warm-up done\" classes=(\\d+) skipped=(\\d+)"));
            int classes = Integer.parseInt(m.group(1));
            assertThat(classes).as("classes initialised").isGreaterThan(1000);
            assertThat(Integer.parseInt(m.group(2))).as("names that did not load").isLessThan(classes / 100);
            Matcher prepared = awaitLogged(daemon, Pattern.compile("msg=\"pull warm-up (done|failed)\""));
            assertThat(prepared.group(1)).as(daemon.logText()).isEqualTo("done");
            assertThat(home.ctr("version").exitCode()).isZero();
            assertThat(daemon.logText()).as("HTTP/2 frames at debug level").doesNotContain("INBOUND HEADERS")
                    .as("trust-store certificates at debug level").doesNotContain("X509Certificate:");
        }
    }

    /**
     * grpc-java's log of every HTTP/2 frame (payload bytes included) and the JDK's line per
     * trust-store certificate, which the pull warm-up loads, show at trace level only.
     */
    @Test
    void http2_frames_and_certificates_are_logged_at_trace_level() throws Exception {
        try (DaemonProcess daemon = home.start(home.config("[debug]\n  level = \"trace\"\n"))) {
            assertThat(home.ctr("version").exitCode()).isZero();
            awaitLogged(daemon, Pattern.compile("INBOUND HEADERS: streamId=\\d+ .*Version/Version"));
            awaitLogged(daemon, Pattern.compile("X509Certificate: .*logger=jdk.event.security"));
        }
    }

    private static Matcher awaitLogged(DaemonProcess daemon, Pattern line) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Matcher m = line.matcher(daemon.logText());
        while (!m.find()) {
            assertThat(System.nanoTime()).as("logged in:\n" + daemon.logText()).isLessThan(deadline);
            Thread.sleep(100);
            m = line.matcher(daemon.logText());
        }
        return m;
    }

    @Test
    void disabled_plugins_are_not_loaded() {
        try (DaemonProcess daemon = home.start(home.config("disabled_plugins = [\"io.containerd.grpc.v1.version\"]\n"))) {
            ProcessResult ls = home.ctr("plugins", "ls", "-q");
            assertThat(ls.stdout()).contains("namespaces").doesNotContain("version");
            ProcessResult version = home.ctr("version");
            assertThat(version.exitCode()).isEqualTo(1);
            assertThat(version.stderr()).contains("Unimplemented");
        }
    }

    @Test
    void a_required_plugin_that_is_missing_stops_the_daemon() {
        Path config = home.config("required_plugins = [\"io.containerd.grpc.v1.cri\"]\n");
        ProcessResult run = home.jcontainerd("--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout() + run.stderr())
                .contains("required plugin io.containerd.grpc.v1.cri is not registered or is disabled");
        assertThat(home.socket()).doesNotExist();
    }

    @Test
    void a_failing_plugin_shows_its_error_and_stops_the_daemon_only_when_required() {
        String bad = "[plugins.\"io.containerd.metadata.v1.bolt\"]\n  content_sharing_policy = \"everyone\"\n";
        try (DaemonProcess daemon = home.start(home.config(bad))) {
            ProcessResult ls = home.ctr("plugins", "ls");
            assertThat(ls.stdout()).containsPattern("io.containerd.metadata.v1 +bolt +- +error");
            assertThat(ls.stdout()).containsPattern("io.containerd.grpc.v1 +version +- +ok");
            assertThat(home.ctr("plugins", "ls", "-d", "id==bolt").stdout())
                    .contains("Error:").contains("unknown policy: everyone: invalid argument");
        }
        ProcessResult required = home.jcontainerd("--config",
                home.config("required_plugins = [\"io.containerd.metadata.v1.bolt\"]\n" + bad).toString());
        assertThat(required.exitCode()).isEqualTo(1);
        assertThat(required.stdout() + required.stderr())
                .contains("load required plugin io.containerd.metadata.v1.bolt: unknown policy: everyone");
    }

    @Test
    void a_syntax_error_exits_nonzero_naming_file_and_line() {
        Path config = home.config("[grpc\n");
        ProcessResult run = home.jcontainerd("--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(config + ":4");
    }

    @Test
    void config_default_is_complete_and_is_a_valid_config() throws Exception {
        ProcessResult def = home.jcontainerd("config", "default");
        assertThat(def.exitCode()).isZero();
        for (String section : new String[] {"[grpc]", "[ttrpc]", "[debug]", "[metrics]", "[cgroup]", "[timeouts]",
            "[plugins]", "[plugins.\"io.containerd.metadata.v1.bolt\"]", "[proxy_plugins]", "[stream_processors]"}) {
            assertThat(def.stdout()).contains("\n" + section.replace("[plugins.", "  [plugins.") + "\n");
        }
        assertThat(def.stdout()).contains("root = \"/var/lib/jcontainerd\"")
                .contains("address = \"/run/jcontainerd/jcontainerd.sock\"")
                .contains("content_sharing_policy = \"shared\"");
        Path file = home.dir().resolve("default.toml");
        Files.writeString(file, def.stdout());
        try (DaemonProcess daemon = home.startWith("--config", file.toString(),
                "--root", home.root().toString(), "--state", home.dir().resolve("state").toString(),
                "-a", home.socket().toString())) {
            assertThat(home.ctr("version").exitCode()).isZero();
            assertThat(daemon.logText()).doesNotContain("level=warning");
        }
    }

    @Test
    void config_dump_merges_the_file_and_flags_over_the_defaults() {
        Path config = home.config("[timeouts]\n  \"io.containerd.timeout.shim.load\" = \"9s\"\n");
        ProcessResult dump = home.jcontainerd("--config", config.toString(), "--state", "/tmp/elsewhere", "config", "dump");
        assertThat(dump.exitCode()).isZero();
        assertThat(dump.stdout()).contains("  \"io.containerd.timeout.shim.load\" = \"9s\"\n")
                .contains("  \"io.containerd.timeout.shim.cleanup\" = \"5s\"\n")
                .contains("root = \"" + home.root() + "\"")
                .contains("max_recv_message_size = 16777216");
    }

    @Test
    void the_seed_config_loads_with_warnings_for_what_is_not_built() throws Exception {
        Path seed = Host.home().resolve("../shared/seed/000_c022ff9dfb02f5e9.txt");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed), "shared/seed not present");
        String doc = Files.readString(seed);
        int start = doc.indexOf("version = 2");
        String toml = doc.substring(start, doc.indexOf("root@hello:~# \n```", start));
        Path file = home.dir().resolve("seed.toml");
        Files.writeString(file, toml);
        try (DaemonProcess daemon = home.startWith("--config", file.toString(),
                "--root", home.root().toString(), "--state", home.dir().resolve("state").toString(),
                "-a", home.socket().toString())) {
            assertThat(home.ctr("namespaces", "ls").exitCode()).isZero();
            assertThat(daemon.logText())
                    .contains("level=warning msg=\"config: unknown plugin \\\"io.containerd.grpc.v1.cri\\\": its settings are ignored\"");
        }
    }

    private static String uuidOf(String versionOutput) {
        Matcher m = Pattern.compile("(?m)^  UUID: ([0-9a-f-]{36})$").matcher(versionOutput);
        assertThat(m.find()).as("UUID in %s", versionOutput).isTrue();
        return m.group(1);
    }
}
