package io.jcontainerd.ctr.commands.run;

import containerd.runc.v1.Oci;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import picocli.CommandLine.Option;

/** ctr run's runc flags: runc v2's runtime options, as ctr's {@code getRuntimeOptions}. */
public final class RuncFlags {
    @Option(names = {"--runc-binary", "-runc-binary"}, description = "specify runc-compatible binary")
    String binary = "";

    @Option(names = {"--runc-root", "-runc-root"}, description = "specify runc-compatible root")
    String root = "";

    @Option(names = {"--runc-systemd-cgroup", "-runc-systemd-cgroup"}, description = "start runc with systemd cgroup manager")
    boolean systemdCgroup;

    /**
     * {@return the runtime options for {@code runtime}}: runc's (empty without flags) for runc v2,
     * none for another runtime
     */
    TypedValue runtimeOptions(String runtime) {
        boolean runcV2 = runtime.equals(ContainerFlags.RUNC_V2);
        if ((!binary.isEmpty() || systemdCgroup) && !runcV2) {
            throw new CommandException("specifying runc-binary and runc-systemd-cgroup is only supported for \""
                    + ContainerFlags.RUNC_V2 + "\" runtime");
        }
        if (runcV2 && systemdCgroup) {
            // ctr asks for --cgroup with it, a flag jctr does not offer yet
            throw new CommandException("option --runc-systemd-cgroup requires --cgroup to be set, e.g. \"machine.slice:foo:deadbeef\"");
        }
        return ContainerFlags.runtimeOptions(runtime, Oci.Options.newBuilder().setBinaryName(binary).setRoot(root).build());
    }
}
