package io.jcontainerd.client.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** containerd's environment merging, group lookup and the spec's Go-shaped JSON. */
class RuntimeSpecTest {
    @Test
    void environmentOverridesReplaceByNameAppendOrRemove() {
        assertThat(RuntimeSpec.replaceOrAppend(List.of("PATH=/bin", "A=1", "B=2"), List.of("A=9", "C=3", "B", "C=4", "Z")))
                .containsExactly("PATH=/bin", "A=9", "C=3", "C=4");
    }

    @Test
    void supplementaryGroupsListTheUserButNotItsOwnGroup() {
        String group = """
                root:x:0:
                wheel:x:10:root,alice
                # a comment:x:11:root
                alice:x:1000:alice
                audio:x:29:bob,alice
                broken:x:notanumber:alice
                """;
        assertThat(EtcGroup.supplementaryGids(group, "alice")).containsExactly(10L, 29L);
        assertThat(EtcGroup.supplementaryGids(group, "root")).containsExactly(10L);
    }

    @Test
    void theSpecIsWrittenInGoFieldOrderWithHtmlEscapes() {
        String json = new String(new RuntimeSpec("ns", "id").withEnv(List.of("A=<&>")).withTty()
                .withAdditionalGids(List.of()).withMemoryLimit(64).toJson(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"ociVersion\":\"1.0.2-dev\",\"process\":{\"terminal\":true,\"user\":{\"uid\":0,"
                + "\"gid\":0,\"additionalGids\":[0]},\"env\":[\"A=\\u003c\\u0026\\u003e\",\"TERM=xterm\"],\"cwd\":\"/\",");
        assertThat(json).contains("\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":64}},"
                + "\"cgroupsPath\":\"/ns/id\",\"namespaces\":[{\"type\":\"pid\"}");
        assertThat(json).doesNotContain("annotations").endsWith("\"/proc/sysrq-trigger\"]}}");
    }

    @Test
    void privilegedDevicesAndNamespacesAreWrittenInGoFieldOrder() {
        String json = new String(new RuntimeSpec("ns", "id")
                .withMounts(List.of(new RuntimeSpec.Mount("/host", "bind", "/tmp", List.of("rbind", "ro"))))
                .withPrivileged(List.of("CAP_CHOWN", "CAP_KILL"), List.of())
                .withAddedCapabilities(List.of("CAP_KILL", "CAP_NET_ADMIN")).withDroppedCapabilities(List.of("CAP_CHOWN"))
                .withApparmorProfile("mine").withNewPrivileges().withCpuShares(512).withCpuCfs(50000, 100000)
                .withNamespace(new RuntimeSpec.Namespace("network", "/proc/1/ns/net"))
                .withDevices(List.of(new RuntimeSpec.Device("/dev/null", "c", 1, 3, 0666, 0, 0)), "rwm")
                .withRootfsPropagation("rshared").withRdtClass("gold").withRootPath("/own").toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"root\":{\"path\":\"/own\"}")
                .contains("{\"destination\":\"/sys\",\"type\":\"sysfs\",\"source\":\"sysfs\",\"options\":[\"nosuid\",\"noexec\",\"nodev\",\"rw\"]},"
                        + "{\"destination\":\"/run\"")
                .contains("{\"destination\":\"/host\",\"type\":\"bind\",\"source\":\"/tmp\",\"options\":[\"rbind\",\"ro\"]}]")
                .contains("\"capabilities\":{\"bounding\":[\"CAP_KILL\",\"CAP_NET_ADMIN\"],\"effective\":[\"CAP_KILL\",\"CAP_NET_ADMIN\"],")
                .contains("\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"hard\":1024,\"soft\":1024}],\"apparmorProfile\":\"mine\"}")
                .contains("\"resources\":{\"devices\":[{\"allow\":true,\"access\":\"rwm\"},{\"allow\":true,\"type\":\"c\",\"major\":1,"
                        + "\"minor\":3,\"access\":\"rwm\"}],\"cpu\":{\"shares\":512,\"quota\":50000,\"period\":100000}}")
                .contains("{\"type\":\"network\",\"path\":\"/proc/1/ns/net\"}],\"devices\":[{\"path\":\"/dev/null\",\"type\":\"c\","
                        + "\"major\":1,\"minor\":3,\"fileMode\":438,\"uid\":0,\"gid\":0}],\"rootfsPropagation\":\"rshared\","
                        + "\"intelRdt\":{\"closID\":\"gold\"}}}")
                .doesNotContain("noNewPrivileges").doesNotContain("maskedPaths").doesNotContain("readonlyPaths");
    }

    @Test
    void theDefaultSeccompProfileFollowsTheCapabilities() {
        Seccomp plain = Seccomp.defaultProfile(List.of("CAP_CHOWN"));
        assertThat(plain.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(plain.syscalls().getFirst().names()).hasSize(349).contains("read", "write", "execve")
                .doesNotContain("mount", "reboot", "ptrace");
        assertThat(plain.syscalls()).extracting(Seccomp.Syscall::names)
                .contains(List.of("ptrace"), List.of("clone"), List.of("clone3")).doesNotContain(List.of("reboot"));
        assertThat(plain.syscalls().getLast()).isEqualTo(new Seccomp.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", 38L, List.of()));

        Seccomp admin = Seccomp.defaultProfile(List.of("CAP_SYS_ADMIN", "CAP_SYS_BOOT"));
        assertThat(admin.syscalls()).extracting(Seccomp.Syscall::names).contains(List.of("reboot"))
                .noneMatch(names -> names.equals(List.of("clone3")));
        String json = new String(new RuntimeSpec("ns", "id").withDefaultSeccomp().toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[")
                .contains("{\"names\":[\"clone\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,\"value\":2114060288,"
                        + "\"op\":\"SCMP_CMP_MASKED_EQ\"}]},{\"names\":[\"clone3\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":38}]}");
    }
}
