package io.jcontainerd.ctr.commands.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.CtrApp;
import io.jcontainerd.ctr.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code snapshots} answers without a daemon: its screens (captured from ctr 1.6.20), argument checks and usage errors. */
class SnapshotsCommandTest {
    /** Nothing listens here: a command that dialed would fail. */
    private static final String NO_DAEMON = "/nonexistent/jctr-test.sock";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] withAddress = new String[args.length + 2];
        withAddress[0] = "-a";
        withAddress[1] = NO_DAEMON;
        System.arraycopy(args, 0, withAddress, 2, args.length);
        return new CtrApp(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(withAddress);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void groupScreenListsTheSubcommandsAndTheSnapshotterFlag() {
        for (String[] args : new String[][] {{"snapshots"}, {"snapshot", "--help"}}) {
            out.reset();
            assertThat(run(args)).isZero();
            assertThat(out()).as(String.join(" ", args)).isEqualTo(Golden.read("snapshots-group.txt"));
        }
    }

    @Test
    void commandScreens() {
        assertThat(run("snapshots", "prepare", "--help")).isZero();
        assertThat(out()).isEqualTo(Golden.read("snapshots-prepare.txt"));
        out.reset();
        assertThat(run("snapshots", "unpack", "-h")).isZero();
        assertThat(out()).isEqualTo(Golden.read("snapshots-unpack.txt"));
        out.reset();
        assertThat(run("snapshots", "usage", "--help")).isZero();
        assertThat(out()).isEqualTo(Golden.read("snapshots-usage.txt"));
    }

    @Test
    void wrongArgumentCountsShowTheHelpWithoutDialing() {
        for (String[] args : new String[][] {{"prepare"}, {"prepare", "a", "b", "c"}, {"view"}, {"commit", "a"},
            {"info"}, {"info", "a", "b"}, {"mounts", "a"}, {"m", "a", "b", "c"}}) {
            out.reset();
            String[] command = new String[args.length + 1];
            command[0] = "snapshots";
            System.arraycopy(args, 0, command, 1, args.length);
            assertThat(run(command)).as(String.join(" ", args)).isZero();
            assertThat(out()).as(String.join(" ", args)).startsWith("NAME:\n   ctr snapshots ");
        }
        out.reset();
        run("snapshots", "prepare");
        assertThat(out()).isEqualTo(Golden.read("snapshots-prepare.txt"));
        assertThat(err()).isEmpty();
    }

    @Test
    void diffWithoutASnapshotFailsWithoutDialing() {
        assertThat(run("snapshots", "diff")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: snapshot id must be provided\n");
    }

    @Test
    void unpackChecksTheDigestWithoutDialing() {
        assertThat(run("snapshots", "unpack")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: invalid checksum digest format\n");
        err.reset();
        assertThat(run("snapshots", "unpack", "sha256:abc")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: invalid checksum digest length\n");
    }

    @Test
    void theSnapshotterFlagBelongsToTheGroupAndToUnpack() {
        assertThat(run("snapshots", "ls", "--snapshotter", "native")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: flag provided but not defined: -snapshotter\n");
        err.reset();
        assertThat(run("snapshots", "--snapshotter", "native", "unpack", "--snapshotter", "native", "nope")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: invalid checksum digest format\n");
    }

    @Test
    void aCommandThatNeedsTheDaemonDials() {
        assertThat(run("snapshots", "ls")).isEqualTo(1);
        assertThat(err()).startsWith("ctr: failed to dial \"" + NO_DAEMON + "\"");
    }
}
