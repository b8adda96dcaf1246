package io.jcontainerd.client.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The parts of an OCI runtime spec ({@code specs-go} v1.0.2) that containerd's defaults and ctr's
 * options set, mutable while the options apply, then written as Go's {@code json.Marshal} writes
 * the struct (see {@link SpecJson}). Starts as containerd's {@code populateDefaultUnixSpec}.
 */
public final class RuntimeSpec {
    /** The version string containerd 1.6 vendors. */
    static final String OCI_VERSION = "1.0.2-dev";
    /** containerd's {@code defaultUnixEnv}. */
    public static final List<String> DEFAULT_ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** A mount of the spec. */
    public record Mount(String destination, String type, String source, List<String> options) {
    }

    /** A device cgroup rule; null major/minor mean any. */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }

    /** A device node created in the container ({@code linux.devices}); {@code fileMode} holds the permission bits. */
    public record Device(String path, String type, long major, long minor, int fileMode, int uid, int gid) {
    }

    /** A namespace the container gets: a new one, or the one at {@code path} when that is not empty. */
    public record Namespace(String type, String path) {
    }

    /** containerd's {@code WithMaskedPaths} default. */
    static final List<String> DEFAULT_MASKED_PATHS = List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
            "/proc/scsi");
    /** containerd's {@code WithReadonlyPaths} default. */
    static final List<String> DEFAULT_READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    boolean terminal;
    long uid;
    long gid;
    List<Long> additionalGids = new ArrayList<>();
    List<String> args = new ArrayList<>();
    List<String> env = new ArrayList<>();
    String cwd = "/";
    List<String> capabilities = new ArrayList<>(DEFAULT_CAPS);
    boolean noNewPrivileges = true;
    String apparmorProfile = "";
    String rootPath = "rootfs";
    boolean rootReadonly;
    final List<Mount> mounts = new ArrayList<>(List.of(
            new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
            new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
            new Mount("/dev/pts", "devpts", "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
            new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
            new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
            new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
            new Mount("/run", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"))));
    final Map<String, String> annotations = new TreeMap<>();
    List<DeviceRule> deviceRules = new ArrayList<>(List.of(new DeviceRule(false, null, null, null, "rwm")));
    Long memoryLimit;
    Long cpuShares;
    Long cpuQuota;
    Long cpuPeriod;
    String cgroupsPath;
    final List<Namespace> namespaces = new ArrayList<>(Stream.of("pid", "ipc", "uts", "mount", "network")
            .map(type -> new Namespace(type, "")).toList());
    final List<Device> devices = new ArrayList<>();
    String rootfsPropagation = "";
    /** Null for none: privileged containers have no masked or read-only paths. */
    List<String> maskedPaths = DEFAULT_MASKED_PATHS;
    List<String> readonlyPaths = DEFAULT_READONLY_PATHS;
    String rdtClass = "";
    Seccomp seccomp;

    /** @param namespace the containerd namespace, part of the cgroup path; {@code id} may be empty */
    public RuntimeSpec(String namespace, String id) {
        cgroupsPath = id.isEmpty() ? "/" + namespace : "/" + namespace + "/" + id; // Go's filepath.Join
    }

    /** containerd's {@code WithDefaultUnixDevices}: the device cgroup allows the usual character devices. */
    public RuntimeSpec withDefaultUnixDevices() {
        long[][] chars = {{1, 3}, {1, 8}, {1, 7}, {5, 0}, {1, 5}, {1, 9}, {5, 1}, {136, -1}, {5, 2}};
        for (long[] dev : chars) {
            deviceRules.add(new DeviceRule(true, "c", dev[0], dev[1] < 0 ? null : dev[1], "rwm"));
        }
        return this;
    }

    /** {@code WithEnv}: each {@code KEY=value} replaces the variable of that name or is appended. */
    public RuntimeSpec withEnv(List<String> values) {
        env = replaceOrAppend(env, values);
        return this;
    }

    /**
     * {@code WithImageConfigArgs}'s Linux part: the image's environment (containerd's default when
     * it has none) under what is already set, its entrypoint and command (or {@code args}), its
     * working directory.
     */
    public RuntimeSpec withImageConfig(List<String> imageEnv, List<String> entrypoint, List<String> cmd, String workingDir) {
        env = replaceOrAppend(imageEnv.isEmpty() ? DEFAULT_ENV : imageEnv, env);
        args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        cwd = workingDir.isEmpty() ? "/" : workingDir;
        return this;
    }

    public RuntimeSpec withUser(long uid, long gid) {
        this.uid = uid;
        this.gid = gid;
        return this;
    }

    /** {@code WithAdditionalGIDs}: the supplementary groups found, and always the primary group. */
    public RuntimeSpec withAdditionalGids(List<Long> gids) {
        additionalGids = new ArrayList<>(gids);
        if (!additionalGids.contains(gid)) {
            additionalGids.addFirst(gid);
        }
        return this;
    }

    public RuntimeSpec withArgs(List<String> values) {
        args = new ArrayList<>(values);
        return this;
    }

    public RuntimeSpec withCwd(String dir) {
        cwd = dir;
        return this;
    }

    /** {@code WithTTY}: a terminal, and {@code TERM=xterm} appended. */
    public RuntimeSpec withTty() {
        terminal = true;
        env.add("TERM=xterm");
        return this;
    }

    public RuntimeSpec withReadonlyRoot() {
        rootReadonly = true;
        return this;
    }

    /** {@code --net-host}: the host's network namespace, hosts file and resolver config, and its name. */
    public RuntimeSpec withHostNetwork(String hostname) {
        namespaces.removeIf(ns -> ns.type().equals("network"));
        mounts.add(new Mount("/etc/hosts", "bind", "/etc/hosts", List.of("rbind", "ro")));
        mounts.add(new Mount("/etc/resolv.conf", "bind", "/etc/resolv.conf", List.of("rbind", "ro")));
        return withEnv(List.of("HOSTNAME=" + hostname));
    }

    public RuntimeSpec withMemoryLimit(long bytes) {
        memoryLimit = bytes;
        return this;
    }

    /** {@code WithCPUShares}. */
    public RuntimeSpec withCpuShares(long shares) {
        cpuShares = shares;
        return this;
    }

    /** {@code WithCPUCFS}. */
    public RuntimeSpec withCpuCfs(long quota, long period) {
        cpuQuota = quota;
        cpuPeriod = period;
        return this;
    }

    /** {@code WithRootFSPath}: a root filesystem no snapshotter manages. */
    public RuntimeSpec withRootPath(String path) {
        rootPath = path;
        return this;
    }

    /** {@code WithMounts}: appended after the defaults. */
    public RuntimeSpec withMounts(List<Mount> added) {
        mounts.addAll(added);
        return this;
    }

    /**
     * ctr's {@code --privileged}: {@code WithPrivileged} ({@code caps}, the caller's effective
     * capabilities; no masked or read-only paths; sysfs writable; no AppArmor profile), then
     * {@code WithAllDevicesAllowed} and {@code WithHostDevices} ({@code hostDevices}).
     */
    public RuntimeSpec withPrivileged(List<String> caps, List<Device> hostDevices) {
        capabilities = new ArrayList<>(caps);
        maskedPaths = null;
        readonlyPaths = null;
        mounts.replaceAll(m -> m.type().equals("sysfs") || m.type().equals("cgroup")
                ? new Mount(m.destination(), m.type(), m.source(),
                        m.options().stream().map(o -> o.equals("ro") ? "rw" : o).toList())
                : m);
        apparmorProfile = "";
        seccomp = null;
        deviceRules = new ArrayList<>(List.of(new DeviceRule(true, null, null, null, "rwm")));
        devices.addAll(hostDevices);
        return this;
    }

    /** {@code WithAddedCapabilities}: each one not there yet is appended. */
    public RuntimeSpec withAddedCapabilities(List<String> caps) {
        for (String cap : caps) {
            if (!capabilities.contains(cap)) {
                capabilities.add(cap);
            }
        }
        return this;
    }

    /** {@code WithDroppedCapabilities}. */
    public RuntimeSpec withDroppedCapabilities(List<String> caps) {
        capabilities.removeAll(caps);
        return this;
    }

    public RuntimeSpec withApparmorProfile(String profile) {
        apparmorProfile = profile;
        return this;
    }

    /** {@code WithLinuxNamespace}: replaces the namespace of that type, or is appended. */
    public RuntimeSpec withNamespace(Namespace ns) {
        for (int i = 0; i < namespaces.size(); i++) {
            if (namespaces.get(i).type().equals(ns.type())) {
                namespaces.set(i, ns);
                return this;
            }
        }
        namespaces.add(ns);
        return this;
    }

    /** {@code WithNewPrivileges}: turns {@code noNewPrivileges} off. */
    public RuntimeSpec withNewPrivileges() {
        noNewPrivileges = false;
        return this;
    }

    /** {@code WithCgroup}: the cgroup path; empty for none. */
    public RuntimeSpec withCgroup(String path) {
        cgroupsPath = path;
        return this;
    }

    /** {@code WithDevices}: each device node, and a cgroup rule allowing it with {@code access}. */
    public RuntimeSpec withDevices(List<Device> added, String access) {
        for (Device d : added) {
            devices.add(d);
            deviceRules.add(new DeviceRule(true, d.type(), d.major(), d.minor(), access));
        }
        return this;
    }

    /** {@code seccomp.WithDefaultProfile}: containerd's profile for the capabilities set so far. */
    public RuntimeSpec withDefaultSeccomp() {
        seccomp = Seccomp.defaultProfile(capabilities);
        return this;
    }

    /** {@code seccomp.WithProfile}. */
    public RuntimeSpec withSeccomp(Seccomp profile) {
        seccomp = profile;
        return this;
    }

    public RuntimeSpec withRootfsPropagation(String propagation) {
        rootfsPropagation = propagation;
        return this;
    }

    /** {@code WithRdt}: the RDT class of service. */
    public RuntimeSpec withRdtClass(String closId) {
        rdtClass = closId;
        return this;
    }

    public RuntimeSpec withAnnotations(Map<String, String> values) {
        annotations.putAll(values);
        return this;
    }

    /** {@return the spec as Go's {@code json.Marshal} writes it} */
    public byte[] toJson() {
        return SpecJson.write(this);
    }

    /**
     * containerd's {@code replaceOrAppendEnvValues}: an override replaces the default of its name
     * or is appended (appended ones are not looked up again); {@code KEY} alone removes the default.
     */
    static List<String> replaceOrAppend(List<String> defaults, List<String> overrides) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<String> out = new ArrayList<>(defaults);
        for (int i = 0; i < out.size(); i++) {
            index.put(name(out.get(i)), i);
        }
        for (String value : overrides) {
            Integer at = index.get(name(value));
            if (!value.contains("=")) {
                if (at != null) {
                    out.set(at, "");
                }
            } else if (at != null) {
                out.set(at, value);
            } else {
                out.add(value);
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static String name(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }
}
