package io.jcontainerd.client.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** containerd's {@code cap.Current}: the effective capabilities of this process, by name, for {@code --privileged}. */
public final class ProcessCapabilities {
    /** The capabilities containerd 1.6 knows ({@code capsLatest}), by number. */
    private static final List<String> KNOWN = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG",
            "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
            "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON",
            "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    private ProcessCapabilities() {
    }

    /** {@return the effective set in {@code /proc/self/status}} */
    public static List<String> current() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return names(Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16));
            }
        }
        throw new IOException("no CapEff in /proc/self/status");
    }

    /** {@return the names of the known capabilities set in {@code bitmap}}, by number; unknown ones are left out */
    static List<String> names(long bitmap) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < KNOWN.size(); bit++) {
            if ((bitmap >>> bit & 1) == 1) {
                names.add(KNOWN.get(bit));
            }
        }
        return names;
    }
}
