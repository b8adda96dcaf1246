package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.ProcessResult;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help screens, usage errors and dial failures: no daemon needed. */
class CliParityIT {
    /** ctr commands jctr does not have yet, as listed in ctr's help. */
    private static final String MISSING_COMMANDS =
            "(?m)^   (content|images|pprof|install|shim)[ ,].*\n";

    private static CtrParity parity;

    @BeforeAll
    static void clients() {
        Host.assumeExecutable(CtrParity.CTR);
        parity = CtrParity.withoutDaemons();
    }

    @AfterAll
    static void close() {
        if (parity != null) {
            parity.close();
        }
    }

    /** The app screen lists ctr's other commands and its version; the rest must match. */
    private static String withoutMissingCommands(String text) {
        return text.replaceAll(MISSING_COMMANDS, "").replaceAll("(?m)(?<=^VERSION:\n   ).*$", "<version>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns", "namespaces --help", "namespace ls -h", "ns rm -h", "ns c --help", "ns label -h",
        "plugins", "plugin ls --help", "version --help", "help ns", "help version", "help plugins",
        "leases", "leases --help", "leases ls -h", "leases create --help", "leases rm -h", "leases del --help",
        "help leases", "events --help", "event -h", "help events", "content ingest --help", "content ls -h",
        "content rm --help", "content label -h", "content get --help", "images check --help", "images export -h",
        "images import --help", "images ls -h", "image list --help", "i mount --help", "images unmount -h",
        "images rm --help", "images tag -h", "images label --help", "content --help", "content fetch --help",
        "content fetch-object -h", "content push-object --help", "images pull -h", "images push --help",
        "snapshots", "snapshot --help", "help snapshots", "snapshots commit -h", "snapshots diff --help",
        "snapshots info -h", "snapshots list --help", "snapshots ls -h", "snapshots mounts --help", "snapshots m -h",
        "snapshots mount --help", "snapshots prepare -h", "snapshots delete --help", "snapshots rm -h",
        "snapshots del --help", "snapshots remove -h", "snapshots label --help", "snapshots tree -h",
        "snapshots unpack --help", "snapshots usage -h", "snapshots view --help",
        "containers ls --help", "c list -h", "container info --help", "c label -h", "c rm --help", "containers del -h",
        "tasks", "tasks --help", "t ls -h", "task rm -h", "tasks delete --help", "tasks exec --help", "tasks kill -h",
        "tasks start --help", "tasks attach -h", "tasks pause --help", "tasks resume -h", "tasks ps --help",
        "tasks metrics --help", "tasks metric -h", "tasks checkpoint --help", "help tasks", "run --help",
        "containers create --help", "c create -h", "oci", "oci --help", "oci spec --help", "oci spec",
        "-n other oci spec"})
    void helpScreens(String args) {
        parity.assertSame(args.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h", "help", "h"})
    void appScreen(String args) {
        parity.assertSame(CliParityIT::withoutMissingCommands, args.isEmpty() ? new String[0] : args.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ns ls --bogus", "ns -n x ls", "plugins ls -qd", "ns create -x", "plugins ls --quiet=x=y",
        "bogus", "ns bogus", "help bogus", "leases bogus", "leases ls --bogus", "leases create -x 1x",
        "leases create --expires", "leases rm --sync=maybe", "images ls --bogus", "images import --platform",
        "images mount --rw=maybe", "snapshots bogus", "snapshots ls --bogus",
        "snapshots --snapshotter", "snapshots usage -b=x", "snapshots prepare -t", "snapshots diff --keep=2",
        "snapshots ls --snapshotter native", "snapshots unpack --snapshotter", "snapshots diff", "snapshots unpack",
        "snapshots unpack sha256:abc", "snapshots prepare", "snapshots commit a", "snapshots info", "snapshots mounts a",
        "images pull", "images push", "images pull --max-concurrent-downloads x", "content push-object",
        "content push-object x sha256:bad", "content fetch-object", "content fetch-object --tlscacert /nonexistent x/y:z",
        "tasks exec x", "tasks kill", "tasks kill -a --exec-id e x", "tasks ls --bogus", "tasks start", "tasks ps",
        "tasks metrics --format", "tasks bogus", "run", "run img", "run --rm -d img id"})
    void usageErrors(String args) {
        parity.assertSame(args.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus ns ls", "-a", "--timeout 1x ns ls", "--connect-timeout=5 version"})
    void usageErrorsOnGlobalFlags(String args) {
        ProcessResult result = parity.assertSame(CliParityIT::withoutMissingCommands, args.split(" "));
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void versionFlagNamesTheProgram() {
        ProcessResult ctr = parity.ctr("--version");
        ProcessResult jctr = parity.tested("--version");
        assertThat(ctr.stdout()).matches("ctr github\\.com/containerd/containerd \\S+\n");
        assertThat(jctr).isEqualTo(new ProcessResult(0, "jctr github.com/jcontainerd/jcontainerd 0.1.0\n", ""));
    }

    @Test
    void refusedSocket(@TempDir Path dir) throws IOException {
        Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale)); // bound, never listening: connections are refused
        }
        ProcessResult result = parity.assertSame("-a", stale.toString(), "ns", "ls");
        assertThat(result.stderr()).contains("connect: connection refused");
    }

    @Test
    void missingSocketTimesOut(@TempDir Path dir) {
        String missing = dir.resolve("missing.sock").toString();
        // ctr sometimes appends its dialer's own timeout error, depending on which timer fires first
        ProcessResult result = parity.assertSame(t -> t.replaceAll(": connection error: desc = .*timeout\"", ""),
                "--connect-timeout", "300ms", "-a", missing, "plugins", "ls");
        assertThat(result.stderr()).isEqualTo("ctr: failed to dial \"" + missing + "\": context deadline exceeded\n");
    }

    @Test
    void missingNamespaceName() {
        parity.assertSame("-a", "/nonexistent.sock", "ns", "create");
    }
}
