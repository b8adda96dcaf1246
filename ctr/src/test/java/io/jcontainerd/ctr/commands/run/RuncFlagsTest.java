package io.jcontainerd.ctr.commands.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import containerd.runc.v1.Oci;
import io.jcontainerd.ctr.commands.CommandException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RuncFlagsTest {
    private static RuncFlags parse(String... args) {
        RuncFlags flags = new RuncFlags();
        new CommandLine(flags).parseArgs(args);
        return flags;
    }

    @Test
    void runcV2GetsItsOptionsEmptyWithoutFlags() {
        assertThat(parse().runtimeOptions("io.containerd.runc.v2").value()).isEmpty();
    }

    @Test
    void binaryAndRootBecomeRuncOptions() throws Exception {
        var options = parse("--runc-binary", "/opt/runc", "-runc-root", "/run/mine").runtimeOptions("io.containerd.runc.v2");
        Oci.Options parsed = Oci.Options.parseFrom(options.value());
        assertThat(parsed.getBinaryName()).isEqualTo("/opt/runc");
        assertThat(parsed.getRoot()).isEqualTo("/run/mine");
    }

    @Test
    void anotherRuntimeGetsNoneAndRefusesARuncBinary() {
        assertThat(parse().runtimeOptions("io.containerd.jrunc.v2")).isNull();
        assertThatThrownBy(() -> parse("--runc-binary", "x").runtimeOptions("io.containerd.jrunc.v2"))
                .isInstanceOf(CommandException.class)
                .hasMessage("specifying runc-binary and runc-systemd-cgroup is only supported for \"io.containerd.runc.v2\" runtime");
    }
}
