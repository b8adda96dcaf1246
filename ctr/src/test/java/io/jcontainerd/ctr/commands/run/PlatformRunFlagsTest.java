package io.jcontainerd.ctr.commands.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import containerd.runc.v1.Oci;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PlatformRunFlagsTest {
    @Command
    static final class Flags {
        @Mixin
        PlatformRunFlags run;
        @Mixin
        ContainerFlags container;
    }

    private static TypedValue options(String cgroup, String... args) {
        Flags flags = new Flags();
        new CommandLine(flags).parseArgs(args);
        return flags.run.runtimeOptions(flags.container, cgroup);
    }

    @Test
    void runcV2GetsItsOptionsEmptyWithoutFlags() {
        assertThat(options(null).value()).isEmpty();
    }

    @Test
    void binaryRootAndSystemdCgroupBecomeRuncOptions() throws Exception {
        var options = options("machine.slice:jctr:x", "--runc-binary", "/opt/runc", "-runc-root", "/run/mine",
                "--runc-systemd-cgroup");
        Oci.Options parsed = Oci.Options.parseFrom(options.value());
        assertThat(parsed.getBinaryName()).isEqualTo("/opt/runc");
        assertThat(parsed.getRoot()).isEqualTo("/run/mine");
        assertThat(parsed.getSystemdCgroup()).isTrue();
    }

    @Test
    void systemdCgroupNeedsACgroup() {
        assertThatThrownBy(() -> options(null, "--runc-systemd-cgroup"))
                .isInstanceOf(CommandException.class)
                .hasMessage("option --runc-systemd-cgroup requires --cgroup to be set, e.g. \"machine.slice:foo:deadbeef\"");
    }

    @Test
    void anotherRuntimeGetsItsConfigPathOrNoneAndRefusesARuncBinary() {
        assertThat(options(null, "--runtime", "io.containerd.jrunc.v2")).isNull();
        TypedValue configured = options(null, "--runtime", "example.v1", "--runtime-config-path", "/etc/x.toml");
        assertThat(configured.typeUrl()).isEqualTo("runtimeoptions.v1.Options");
        // field 2 (config_path), length 11
        assertThat(configured.value()).startsWith(0x12, 11).endsWith("/etc/x.toml".getBytes());
        assertThatThrownBy(() -> options(null, "--runc-binary", "x", "--runtime", "io.containerd.jrunc.v2"))
                .isInstanceOf(CommandException.class)
                .hasMessage("specifying runc-binary and runc-systemd-cgroup is only supported for \"io.containerd.runc.v2\" runtime");
    }
}
