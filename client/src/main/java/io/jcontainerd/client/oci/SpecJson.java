package io.jcontainerd.client.oci;

import io.jcontainerd.core.json.GoJsonString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A {@link RuntimeSpec} as Go's {@code json.Marshal} writes {@code specs-go}'s {@code Spec}: fields
 * in struct order, {@code omitempty} ones left out when empty, {@code user.uid}/{@code gid} and
 * {@code cwd} always there.
 */
final class SpecJson {
    private final StringBuilder b = new StringBuilder(4096);

    private SpecJson() {
    }

    static byte[] write(RuntimeSpec s) {
        SpecJson json = new SpecJson();
        json.spec(s);
        return json.b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void spec(RuntimeSpec s) {
        b.append('{');
        key("ociVersion", true).str(RuntimeSpec.OCI_VERSION);
        key("process", false);
        process(s);
        key("root", false).append('{');
        key("path", true).str(s.rootPath);
        if (s.rootReadonly) {
            key("readonly", false).append("true");
        }
        b.append('}');
        key("mounts", false).append('[');
        for (int i = 0; i < s.mounts.size(); i++) {
            RuntimeSpec.Mount m = s.mounts.get(i);
            b.append(i == 0 ? "{" : ",{");
            key("destination", true).str(m.destination());
            if (!m.type().isEmpty()) {
                key("type", false).str(m.type());
            }
            if (!m.source().isEmpty()) {
                key("source", false).str(m.source());
            }
            if (!m.options().isEmpty()) {
                key("options", false).strings(m.options());
            }
            b.append('}');
        }
        b.append(']');
        if (!s.annotations.isEmpty()) {
            key("annotations", false).map(s.annotations);
        }
        key("linux", false);
        linux(s);
        b.append('}');
    }

    private void process(RuntimeSpec s) {
        b.append('{');
        boolean first = true;
        if (s.terminal) {
            key("terminal", true).append("true");
            first = false;
        }
        key("user", first).append('{');
        key("uid", true).append(s.uid);
        key("gid", false).append(s.gid);
        if (!s.additionalGids.isEmpty()) {
            key("additionalGids", false).append('[');
            for (int i = 0; i < s.additionalGids.size(); i++) {
                b.append(i == 0 ? "" : ",").append(s.additionalGids.get(i));
            }
            b.append(']');
        }
        b.append('}');
        if (!s.args.isEmpty()) {
            key("args", false).strings(s.args);
        }
        if (!s.env.isEmpty()) {
            key("env", false).strings(s.env);
        }
        key("cwd", false).str(s.cwd);
        key("capabilities", false).append('{');
        if (!s.capabilities.isEmpty()) { // all three sets are the same list, left out together when empty
            key("bounding", true).strings(s.capabilities);
            key("effective", false).strings(s.capabilities);
            key("permitted", false).strings(s.capabilities);
        }
        b.append('}');
        key("rlimits", false).append("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":1024,\"soft\":1024}]");
        if (s.noNewPrivileges) {
            key("noNewPrivileges", false).append("true");
        }
        if (!s.apparmorProfile.isEmpty()) {
            key("apparmorProfile", false).str(s.apparmorProfile);
        }
        b.append('}');
    }

    private void linux(RuntimeSpec s) {
        b.append('{');
        key("resources", true).append('{');
        key("devices", true).append('[');
        for (int i = 0; i < s.deviceRules.size(); i++) {
            RuntimeSpec.DeviceRule d = s.deviceRules.get(i);
            b.append(i == 0 ? "{" : ",{");
            key("allow", true).append(d.allow());
            if (d.type() != null) {
                key("type", false).str(d.type());
            }
            if (d.major() != null) {
                key("major", false).append(d.major());
            }
            if (d.minor() != null) {
                key("minor", false).append(d.minor());
            }
            key("access", false).str(d.access());
            b.append('}');
        }
        b.append(']');
        if (s.memoryLimit != null) {
            key("memory", false).append('{');
            key("limit", true).append(s.memoryLimit);
            b.append('}');
        }
        if (s.cpuShares != null || s.cpuQuota != null) {
            cpu(s);
        }
        b.append('}');
        if (s.cgroupsPath != null && !s.cgroupsPath.isEmpty()) {
            key("cgroupsPath", false).str(s.cgroupsPath);
        }
        key("namespaces", false).append('[');
        for (int i = 0; i < s.namespaces.size(); i++) {
            RuntimeSpec.Namespace ns = s.namespaces.get(i);
            b.append(i == 0 ? "{" : ",{");
            key("type", true).str(ns.type());
            if (!ns.path().isEmpty()) {
                key("path", false).str(ns.path());
            }
            b.append('}');
        }
        b.append(']');
        if (!s.devices.isEmpty()) {
            devices(s.devices);
        }
        if (s.seccomp != null) {
            seccomp(s.seccomp);
        }
        if (!s.rootfsPropagation.isEmpty()) {
            key("rootfsPropagation", false).str(s.rootfsPropagation);
        }
        if (s.maskedPaths != null && !s.maskedPaths.isEmpty()) {
            key("maskedPaths", false).strings(s.maskedPaths);
        }
        if (s.readonlyPaths != null && !s.readonlyPaths.isEmpty()) {
            key("readonlyPaths", false).strings(s.readonlyPaths);
        }
        if (!s.rdtClass.isEmpty()) {
            key("intelRdt", false).append('{');
            key("closID", true).str(s.rdtClass);
            b.append('}');
        }
        b.append('}');
    }

    /** {@code LinuxCPU}: shares, quota, period, each left out when unset. */
    private void cpu(RuntimeSpec s) {
        key("cpu", false).append('{');
        boolean first = true;
        if (s.cpuShares != null) {
            key("shares", true).append(s.cpuShares);
            first = false;
        }
        if (s.cpuQuota != null) {
            key("quota", first).append(s.cpuQuota);
            key("period", false).append(s.cpuPeriod);
        }
        b.append('}');
    }

    /** {@code LinuxSeccomp}, empty fields left out as Go's {@code omitempty} does. */
    private void seccomp(Seccomp p) {
        key("seccomp", false).append('{');
        key("defaultAction", true).str(p.defaultAction());
        if (p.defaultErrnoRet() != null) {
            key("defaultErrnoRet", false).append(p.defaultErrnoRet());
        }
        if (!p.architectures().isEmpty()) {
            key("architectures", false).strings(p.architectures());
        }
        if (!p.flags().isEmpty()) {
            key("flags", false).strings(p.flags());
        }
        if (!p.listenerPath().isEmpty()) {
            key("listenerPath", false).str(p.listenerPath());
        }
        if (!p.listenerMetadata().isEmpty()) {
            key("listenerMetadata", false).str(p.listenerMetadata());
        }
        if (!p.syscalls().isEmpty()) {
            key("syscalls", false).append('[');
            for (int i = 0; i < p.syscalls().size(); i++) {
                Seccomp.Syscall rule = p.syscalls().get(i);
                b.append(i == 0 ? "{" : ",{");
                key("names", true);
                if (rule.names().isEmpty()) {
                    b.append("null"); // a nil slice without omitempty
                } else {
                    strings(rule.names());
                }
                key("action", false).str(rule.action());
                if (rule.errnoRet() != null) {
                    key("errnoRet", false).append(rule.errnoRet());
                }
                if (!rule.args().isEmpty()) {
                    key("args", false).append('[');
                    for (int j = 0; j < rule.args().size(); j++) {
                        Seccomp.Arg arg = rule.args().get(j);
                        b.append(j == 0 ? "{" : ",{");
                        key("index", true).append(arg.index());
                        key("value", false).append(Long.toUnsignedString(arg.value()));
                        if (arg.valueTwo() != 0) {
                            key("valueTwo", false).append(Long.toUnsignedString(arg.valueTwo()));
                        }
                        key("op", false).str(arg.op());
                        b.append('}');
                    }
                    b.append(']');
                }
                b.append('}');
            }
            b.append(']');
        }
        b.append('}');
    }

    private void devices(List<RuntimeSpec.Device> devices) {
        key("devices", false).append('[');
        for (int i = 0; i < devices.size(); i++) {
            RuntimeSpec.Device d = devices.get(i);
            b.append(i == 0 ? "{" : ",{");
            key("path", true).str(d.path());
            key("type", false).str(d.type());
            key("major", false).append(d.major());
            key("minor", false).append(d.minor());
            key("fileMode", false).append(d.fileMode());
            key("uid", false).append(d.uid());
            key("gid", false).append(d.gid());
            b.append('}');
        }
        b.append(']');
    }

    private SpecJson key(String name, boolean first) {
        if (!first) {
            b.append(',');
        }
        GoJsonString.append(name, b);
        b.append(':');
        return this;
    }

    private SpecJson append(Object value) {
        b.append(value);
        return this;
    }

    private void str(String value) {
        GoJsonString.append(value, b);
    }

    private void strings(List<String> values) {
        b.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            GoJsonString.append(values.get(i), b);
        }
        b.append(']');
    }

    /** A Go map: keys sorted (the annotations are a sorted map). */
    private void map(Map<String, String> values) {
        b.append('{');
        boolean first = true;
        for (var e : values.entrySet()) {
            key(e.getKey(), first).str(e.getValue());
            first = false;
        }
        b.append('}');
    }
}
