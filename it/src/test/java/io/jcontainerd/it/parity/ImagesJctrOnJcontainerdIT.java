package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import io.jcontainerd.it.support.TmuxSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jctr images scenarios with jctr driving our daemon, compared with Debian's ctr on containerd.
 * Here jctr names archive files to the daemon, which reads and writes them itself; where the
 * daemon cannot see a file, jctr streams it.
 */
class ImagesJctrOnJcontainerdIT extends ImagesJctrOnContainerdIT {
    /** What jctr logs (with {@code --debug}) when the daemon cannot open the file and the archive goes on the stream. */
    private static final String STREAMED = "streaming the archive";

    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }

    @Test
    void theDaemonReadsAndWritesTheArchiveFilesItself() throws IOException {
        String ns = "ij-files";
        ProcessResult imported = parity.tested("--debug", "-n", ns, "images", "import", ociArchive.toString());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stderr()).doesNotContain(STREAMED);
        Path exported = work.resolve("exported.tar");
        ProcessResult export = parity.tested("--debug", "-n", ns, "images", "export", exported.toString(), NAME);
        assertThat(export.exitCode()).as(export.stderr()).isZero();
        assertThat(export.stderr()).doesNotContain(STREAMED);
        Path reference = work.resolve("reference.tar");
        assertThat(parity.ctr("-n", ns, "images", "import", ociArchive.toString()).exitCode()).isZero();
        assertThat(parity.ctr("-n", ns, "images", "export", reference.toString(), NAME).exitCode()).isZero();
        assertThat(Files.readAllBytes(exported)).isEqualTo(Files.readAllBytes(reference));
    }

    /**
     * jctr in a mount namespace of its own, with the archive on a tmpfs there: at that path the
     * daemon sees an empty directory, refuses the file, and jctr streams both ways instead.
     */
    @Test
    void anArchiveTheDaemonCannotSeeIsStreamed() throws IOException {
        String ns = "ij-unseen";
        Path privateDir = Files.createDirectories(work.resolve("private"));
        Path archive = privateDir.resolve("in.tar");
        Path exported = privateDir.resolve("out.tar");
        String script = "mount -t tmpfs tmpfs \"$1\" && cp \"$2\" \"$3\" && shift 3"
                + " && \"$@\" images import \"$ARCHIVE\" && \"$@\" images export \"$EXPORTED\" \"$NAME\""
                + " && tar -tf \"$EXPORTED\"";
        List<String> command = new ArrayList<>(List.of("env", "ARCHIVE=" + archive, "EXPORTED=" + exported, "NAME=" + NAME,
                "unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
                privateDir.toString(), ociArchive.toString(), archive.toString()));
        command.addAll(parity.commandLine(false, "--debug", "-n", ns));
        ProcessResult result = new ProcessRunner(Duration.ofMinutes(2), CtrParity.environment()).run(command);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr().split(STREAMED, -1)).as(result.stderr()).hasSize(3);
        assertThat(result.stdout()).contains("index.json", "oci-layout", "manifest.json");
        assertThat(parity.ctrOnTested("-n", ns, "images", "ls", "-q").stdout()).isEqualTo(NAME + "\n");
        try (Stream<Path> left = Files.list(privateDir)) {
            assertThat(left).as("the tmpfs went with the namespace").isEmpty();
        }
    }

    /**
     * On a terminal, an archive the daemon refuses is streamed under the one progress row its
     * import opened: the row ends done, and no second row names the archive.
     */
    @Test
    void aStreamedImportKeepsItsOneProgressRow() throws IOException, InterruptedException {
        Path privateDir = Files.createDirectories(work.resolve("private-tty"));
        Path archive = privateDir.resolve("tty-in.tar");
        String client = String.join(" ", parity.commandLine(false, "-n", "ij-tty", "images", "import", archive.toString()));
        String script = "export JCD_AOT=0; mount -t tmpfs tmpfs " + privateDir + " && cp " + ociArchive + " " + archive
                + " && " + client + "; echo EXIT=$?; sleep 600";
        String pane;
        try (TmuxSession terminal = TmuxSession.start(
                "unshare -m --propagation private sh -c '" + script.replace("'", "'\\''") + "'", 200, 40)) {
            pane = terminal.awaitPane(screen -> screen.contains("EXIT="), Duration.ofMinutes(1));
        }
        assertThat(pane).contains("EXIT=0");
        assertThat(pane.lines().filter(line -> line.contains("tty-in.tar"))).as(pane)
                .singleElement().asString().matches("tty-in\\.tar:\\s+done\\s+\\|\\++\\|\\s*");
        assertThat(parity.ctrOnTested("-n", "ij-tty", "images", "ls", "-q").stdout()).isEqualTo(NAME + "\n");
    }
}
