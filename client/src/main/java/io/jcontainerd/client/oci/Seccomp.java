package io.jcontainerd.client.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spec's {@code linux.seccomp}: containerd's default profile ({@code contrib/seccomp}), made
 * for the container's bounding capabilities, or a profile read from a file.
 */
public record Seccomp(String defaultAction, Long defaultErrnoRet, List<String> architectures, List<String> flags,
                      String listenerPath, String listenerMetadata, List<Syscall> syscalls) {
    /** A rule: the calls it names get {@code action}, when {@code args} (may be empty) match. */
    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
        static Syscall allow(String... names) {
            return new Syscall(List.of(names), "SCMP_ACT_ALLOW", null, List.of());
        }
    }

    /** An argument condition; {@code valueTwo} 0 is left out as Go does. */
    public record Arg(long index, long value, long valueTwo, String op) {
    }

    private static final long ENOSYS = 38;
    /** The namespace flags of clone(2) an unprivileged container may not pass. */
    private static final long CLONE_NAMESPACES = 0x00020000L | 0x04000000L | 0x08000000L | 0x10000000L | 0x20000000L
            | 0x40000000L | 0x02000000L;
    /** personality(2) personas the default profile allows. */
    private static final long[] PERSONAS = {0x0, 0x0008, 0x20000, 0x20008, 0xffffffffL};
    /** Calls each capability opens up, in containerd's order. */
    private static final Map<String, List<String>> BY_CAPABILITY = Map.ofEntries(
            Map.entry("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at")),
            Map.entry("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen",
                    "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "name_to_handle_at", "open_tree",
                    "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog",
                    "umount", "umount2", "unshare")),
            Map.entry("CAP_SYS_BOOT", List.of("reboot")),
            Map.entry("CAP_SYS_CHROOT", List.of("chroot")),
            Map.entry("CAP_SYS_MODULE", List.of("delete_module", "init_module", "finit_module")),
            Map.entry("CAP_SYS_PACCT", List.of("acct")),
            Map.entry("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
                    "process_vm_writev", "ptrace")),
            Map.entry("CAP_SYS_RAWIO", List.of("iopl", "ioperm")),
            Map.entry("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_settime64")),
            Map.entry("CAP_SYS_TTY_CONFIG", List.of("vhangup")),
            Map.entry("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy")),
            Map.entry("CAP_SYSLOG", List.of("syslog")),
            Map.entry("CAP_BPF", List.of("bpf")),
            Map.entry("CAP_PERFMON", List.of("perf_event_open")));

    /**
     * containerd's {@code DefaultProfile} on this machine's architecture (amd64 or arm64) and a
     * kernel of 4.8 or later: errno for any call not allowed, the base allow list, what the
     * {@code capabilities} open up, and without CAP_SYS_ADMIN no namespaces through clone.
     */
    public static Seccomp defaultProfile(List<String> capabilities) {
        String arch = System.getProperty("os.arch");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        List<Syscall> rules = new ArrayList<>();
        rules.add(new Syscall(baseAllowed(), "SCMP_ACT_ALLOW", null, List.of()));
        for (long persona : PERSONAS) {
            rules.add(new Syscall(List.of("personality"), "SCMP_ACT_ALLOW", null,
                    List.of(new Arg(0, persona, 0, "SCMP_CMP_EQ"))));
        }
        rules.add(Syscall.allow("ptrace"));
        rules.add(arm64 ? Syscall.allow("arm_fadvise64_64", "arm_sync_file_range", "sync_file_range2", "breakpoint",
                "cacheflush", "set_tls") : Syscall.allow("arch_prctl", "modify_ldt"));
        for (String cap : capabilities) {
            List<String> names = BY_CAPABILITY.get(cap);
            if (names != null) {
                rules.add(new Syscall(names, "SCMP_ACT_ALLOW", null, List.of()));
            }
        }
        if (!capabilities.contains("CAP_SYS_ADMIN")) {
            rules.add(new Syscall(List.of("clone"), "SCMP_ACT_ALLOW", null,
                    List.of(new Arg(0, CLONE_NAMESPACES, 0, "SCMP_CMP_MASKED_EQ"))));
            rules.add(new Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, List.of()));
        }
        List<String> arches = arm64 ? List.of("SCMP_ARCH_ARM", "SCMP_ARCH_AARCH64")
                : List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        return new Seccomp("SCMP_ACT_ERRNO", null, arches, List.of(), "", "", rules);
    }

    /** containerd's {@code WithProfile}: the profile in {@code file}, its known fields. */
    public static Seccomp fromFile(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot load seccomp profile \"" + file + "\": open " + file + ": no such file or directory", e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException("decoding seccomp profile failed \"" + file + "\": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("decoding seccomp profile failed \"" + file + "\": not a JSON object");
        }
        List<Syscall> rules = new ArrayList<>();
        for (JsonNode rule : root.path("syscalls")) {
            List<Arg> args = new ArrayList<>();
            for (JsonNode arg : rule.path("args")) {
                args.add(new Arg(arg.path("index").asLong(), arg.path("value").asLong(), arg.path("valueTwo").asLong(),
                        arg.path("op").asText("")));
            }
            rules.add(new Syscall(strings(rule.path("names")), rule.path("action").asText(""),
                    rule.hasNonNull("errnoRet") ? rule.get("errnoRet").asLong() : null, args));
        }
        return new Seccomp(root.path("defaultAction").asText(""),
                root.hasNonNull("defaultErrnoRet") ? root.get("defaultErrnoRet").asLong() : null,
                strings(root.path("architectures")), strings(root.path("flags")), root.path("listenerPath").asText(""),
                root.path("listenerMetadata").asText(""), rules);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> baseAllowed() {
        List<String> names = new ArrayList<>();
        try (InputStream in = Seccomp.class.getResourceAsStream("seccomp-default-allowed.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
