package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code containers} through every pairing (Debian's ctr on our daemon here; jctr in the
 * subclasses) on an imported image: create
 * (ctr makes the snapshot and the OCI spec on the client, the daemon stores them), list with
 * filters, info (the stored spec, runtime, snapshot), label, delete, containerd's errors; and
 * garbage collection: a container keeps its snapshot chain after its image is removed, and
 * removing the container frees it.
 */
class ContainersParityIT extends DaemonParityBase {
    private static final String IMAGE = "example.com/parity/box:v1";

    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void makeArchive() throws IOException {
        Path layout = dir.resolve("layout");
        TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/hostname", "box\n", "bin/hello", "#!/bin/sh\necho hello\n"),
                Map.of("etc/motd", "second layer\n")));
        archive = dir.resolve("box.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":" + IMAGE);
    }

    private static String normalized(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>").replaceAll("[ \t]+", " ");
    }

    private ProcessResult ctr(String namespace, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-n";
        command[1] = namespace;
        System.arraycopy(args, 0, command, 2, args.length);
        return parity.assertSame(ContainersParityIT::normalized, command);
    }

    @Test
    void createListInfoLabelAndDelete() {
        String ns = "cp-life";
        parity.ctrOnBoth("-n", ns, "images", "import", archive.toString());
        assertThat(ctr(ns, "containers", "create", "--label", "team=infra", IMAGE, "web").exitCode()).isZero();
        ProcessResult db = ctr(ns, "containers", "create", "--env", "A=1", "--cwd", "/etc", IMAGE, "db", "echo",
                "hi");
        assertThat(db.exitCode()).as(db.toString()).isZero();
        ctr(ns, "containers", "create", IMAGE, "web");
        ctr(ns, "containers", "create", IMAGE, "bad id");
        assertThat(ctr(ns, "containers", "ls").stdout()).contains("web").contains("db").contains(IMAGE);
        ctr(ns, "c", "ls", "-q");
        ctr(ns, "c", "ls", "labels.team==infra");
        ctr(ns, "c", "ls", "-q", "id~=^d", "runtime.name==nothing");
        ctr(ns, "c", "ls", "id==");
        ProcessResult info = ctr(ns, "containers", "info", "db");
        assertThat(info.stdout()).contains("\"Runtime\"").contains("io.containerd.runc.v2").contains("A=1")
                .contains("\"echo\",").contains("\"hi\"").contains("\"SnapshotKey\": \"db\"");
        ctr(ns, "containers", "info", "--spec", "web");
        ctr(ns, "containers", "info", "absent");
        // not compared: ctr prints the labels in Go's random map order; info shows them sorted
        parity.ctrOnBoth("-n", ns, "containers", "label", "web", "tier=front");
        parity.ctrOnBoth("-n", ns, "containers", "label", "web", "team=");
        ctr(ns, "containers", "info", "web");
        ctr(ns, "c", "ls", "labels.tier==front");
        ctr(ns, "containers", "rm", "web", "absent");
        ctr(ns, "containers", "rm", "db");
        ctr(ns, "c", "ls");
        // the snapshot prepared for "bad id" went with its temporary lease; collect it on both sides now
        parity.collectGarbageOnBoth();
        ctr(ns, "snapshots", "ls");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", IMAGE);
        parity.collectGarbageOnBoth();
    }

    @Test
    void specOptionsReadTheSameInTheStoredSpec() throws IOException {
        String ns = "cp-spec";
        Path envFile = dir.resolve("env.list");
        java.nio.file.Files.writeString(envFile, "FROM_FILE=1\nPATH=/only\n\n");
        parity.ctrOnBoth("-n", ns, "images", "import", archive.toString());
        ctr(ns, "containers", "create", "--tty", "--read-only", "--net-host", "--memory-limit", "67108864", "--cpu-quota", "150000",
                "--cpu-period", "100000", "--annotation", "note=a&b",
                "--env-file", envFile.toString(), "--env", "A=<&>", "--env", "FROM_FILE", "--label", "k=v",
                "--cwd", "/tmp", IMAGE, "opts", "sh", "x");
        ctr(ns, "containers", "info", "--spec", "opts");
        ctr(ns, "containers", "create", "--runtime", "io.containerd.runc.v1", "--snapshotter", "native", IMAGE, "native");
        ctr(ns, "containers", "info", "native");
        ctr(ns, "containers", "create", "--runtime", "example.custom.v1", IMAGE, "custom");
        ctr(ns, "containers", "info", "custom");
        ctr(ns, "containers", "create", "example.com/parity/absent:v1", "nothing");
        ctr(ns, "containers", "rm", "opts", "native", "custom");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", IMAGE);
        parity.collectGarbageOnBoth();
    }

    /**
     * The rest of ctr's container flags: mounts, privileged (the caller's capabilities and every
     * host device), capabilities, joined namespaces, devices, AppArmor, RDT, propagation, a runtime
     * config path, a root filesystem no snapshotter manages, containerd's default seccomp profile
     * and one from a file; then their errors.
     */
    @Test
    void privilegedMountsDevicesAndNamespacesReadTheSame() throws IOException {
        String ns = "cp-flags";
        Path rootfs = java.nio.file.Files.createDirectories(dir.resolve("own-rootfs"));
        parity.ctrOnBoth("-n", ns, "images", "import", archive.toString());
        ctr(ns, "containers", "create", "--mount", "type=bind,src=/tmp,dst=/host,options=rbind:ro",
                "--mount", "type=tmpfs,destination=/t", "--privileged", "--cap-add", "CAP_SYS_ADMIN", "--cap-drop",
                "CAP_CHOWN", "--with-ns", "network:/proc/1/ns/net", "--allow-new-privs", "--device", "/dev/null",
                "--apparmor-profile", "mine", "--rdt-class", "gold", "--rootfs-propagation", "rshared",
                "--runtime", "example.custom.v1", "--runtime-config-path", "/etc/custom.toml", IMAGE, "flags", "echo", "hi");
        ctr(ns, "containers", "info", "flags");
        ctr(ns, "containers", "create", "--cap-drop", "CAP_KILL", "--device", "/dev/zero", "--label", "own=1", "--rootfs",
                rootfs.toString(), "own", "/bin/true");
        ctr(ns, "containers", "info", "own");
        Path profile = java.nio.file.Files.writeString(dir.resolve("seccomp.json"), """
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],"unknown":1,"syscalls":[
                {"names":["mkdir","mkdirat"],"action":"SCMP_ACT_ERRNO","errnoRet":1},
                {"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":2114060288,"op":"SCMP_CMP_MASKED_EQ"}]}]}
                """);
        ctr(ns, "containers", "create", "--seccomp", "--cap-add", "CAP_SYS_PTRACE", IMAGE, "filtered");
        ctr(ns, "containers", "info", "filtered");
        ctr(ns, "containers", "create", "--seccomp", "--seccomp-profile", profile.toString(), IMAGE, "profiled");
        ctr(ns, "containers", "info", "profiled");
        ctr(ns, "containers", "create", "--seccomp", "--seccomp-profile", dir.resolve("absent.json").toString(), IMAGE, "bad8");
        assertThat(ctr(ns, "containers", "create", "--mount", "type=bind,bogus", IMAGE, "bad1").stderr())
                .contains("invalid mount specification: expected key=val");
        ctr(ns, "containers", "create", "--mount", "kind=bind", IMAGE, "bad2");
        ctr(ns, "containers", "create", "--with-ns", "network", IMAGE, "bad3");
        ctr(ns, "containers", "create", "--with-ns", "galaxy:/x", IMAGE, "bad4");
        ctr(ns, "containers", "create", "--cap-add", "SYS_ADMIN", IMAGE, "bad5");
        assertThat(ctr(ns, "containers", "create", "--device", "/etc/hostname", IMAGE, "bad6").stderr())
                .contains("not a device node");
        ctr(ns, "containers", "create", "--seccomp-profile", "/x.json", IMAGE, "bad7");
        ctr(ns, "containers", "ls");
        ctr(ns, "containers", "rm", "flags", "own", "filtered", "profiled");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", IMAGE);
        parity.collectGarbageOnBoth();
    }

    @Test
    void aContainerKeepsItsSnapshotsUntilItIsRemoved() {
        String ns = "cp-gc";
        parity.ctrOnBoth("-n", ns, "images", "import", archive.toString());
        ctr(ns, "containers", "create", IMAGE, "keeper");
        ctr(ns, "images", "rm", "--sync", IMAGE);
        parity.collectGarbageOnBoth();
        // the image's blobs are gone; the container's snapshot and the chain under it stay
        ctr(ns, "content", "ls", "-q");
        assertThat(ctr(ns, "snapshots", "ls").stdout().lines().skip(1)).hasSize(3);
        ctr(ns, "namespaces", "rm", ns);
        ctr(ns, "containers", "rm", "keeper");
        parity.collectGarbageOnBoth();
        assertThat(ctr(ns, "snapshots", "ls").stdout().lines().skip(1)).isEmpty();
        ctr(ns, "namespaces", "rm", ns);
    }
}
