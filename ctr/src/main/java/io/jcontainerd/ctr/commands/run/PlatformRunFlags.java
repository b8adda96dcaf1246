package io.jcontainerd.ctr.commands.run;

import containerd.runc.v1.Oci;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import picocli.CommandLine.Option;

/**
 * ctr run's {@code platformRunFlags}: runc v2's runtime options (as ctr's {@code getRuntimeOptions}),
 * user namespace mappings, and the CPU limits only {@code run} offers.
 */
public final class PlatformRunFlags {
    @Option(names = {"--runc-binary", "-runc-binary"}, description = "specify runc-compatible binary")
    String binary = "";

    @Option(names = {"--runc-root", "-runc-root"}, description = "specify runc-compatible root")
    String root = "";

    @Option(names = {"--runc-systemd-cgroup", "-runc-systemd-cgroup"}, description = "start runc with systemd cgroup manager")
    boolean systemdCgroup;

    @Option(names = {"--uidmap", "-uidmap"}, description = "run inside a user namespace with the specified UID mapping range; specified with the format `container-uid:host-uid:length`")
    String uidmap = "";

    @Option(names = {"--gidmap", "-gidmap"}, description = "run inside a user namespace with the specified GID mapping range; specified with the format `container-gid:host-gid:length`")
    String gidmap = "";

    @Option(names = {"--remap-labels", "-remap-labels"}, description = "provide the user namespace ID remapping to the snapshotter via label options; requires snapshotter support")
    boolean remapLabels;

    @Option(names = {"--cpus", "-cpus"}, description = "set the CFS cpu quota", defaultValue = "0")
    double cpus;

    @Option(names = {"--cpu-shares", "-cpu-shares"}, description = "set the cpu shares", defaultValue = "1024")
    int cpuShares;

    /**
     * {@return the runtime options for {@code container}'s runtime}: runc's (empty without flags) for
     * runc v2, else its {@code --runtime-config-path} or none; {@code cgroup} is run's {@code --cgroup}
     * (null when not given)
     */
    TypedValue runtimeOptions(ContainerFlags container, String cgroup) {
        boolean runcV2 = container.runtime().equals(ContainerFlags.RUNC_V2);
        if ((!binary.isEmpty() || systemdCgroup) && !runcV2) {
            throw new CommandException("specifying runc-binary and runc-systemd-cgroup is only supported for \""
                    + ContainerFlags.RUNC_V2 + "\" runtime");
        }
        if (runcV2 && systemdCgroup && (cgroup == null || cgroup.isEmpty())) {
            // runc maps "machine.slice:foo:deadbeef" to "/machine.slice/foo-deadbeef.scope"
            throw new CommandException("option --runc-systemd-cgroup requires --cgroup to be set, e.g. \"machine.slice:foo:deadbeef\"");
        }
        return container.runtimeOptions(Oci.Options.newBuilder().setBinaryName(binary).setRoot(root)
                .setSystemdCgroup(systemdCgroup).build());
    }

    /** User namespaces need the snapshot's files shifted to the mapped ids, which jctr does not do yet. */
    void refuseUserNamespace() {
        if (!uidmap.isEmpty() || !gidmap.isEmpty() || remapLabels) {
            throw new CommandException("--uidmap/--gidmap are not supported by jctr yet: not implemented");
        }
    }
}
