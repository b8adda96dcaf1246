package io.jcontainerd.ctr.commands.containers;

import containerd.runc.v1.Oci;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.client.oci.HostDevices;
import io.jcontainerd.client.oci.ProcessCapabilities;
import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.client.oci.Seccomp;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.namespaces.Labels;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.ContainerConfig;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * ctr's container flags ({@code commands.SnapshotterFlags}, {@code SnapshotterLabels},
 * {@code ContainerFlags}), mixed into {@code containers create} and {@code run}, and what they
 * make: a container from an image as ctr's {@code run.NewContainer}, on the client. It unpacks the
 * image if needed, prepares the container's snapshot (key = its id) on the image's chain, builds
 * the OCI spec from containerd's defaults, the image config and the flags, and stores the
 * container; all under a temporary lease, so a failure leaves no snapshot behind.
 */
public final class ContainerFlags {
    private static final String SPEC_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Spec";
    /** The type of runc's runtime options. */
    public static final String RUNC_OPTIONS_TYPE = "containerd.runc.v1.Options";
    /** The runtime ctr gives runc's options to; any other gets none. */
    public static final String RUNC_V2 = "io.containerd.runc.v2";
    /** The label holding the image's stop signal, for {@code tasks kill} without {@code -s}. */
    public static final String STOP_SIGNAL_LABEL = "io.containerd.image.config.stop-signal";

    @Mixin
    SnapshotterFlag snapshotter;

    @Option(names = {"--snapshotter-label", "-snapshotter-label"}, description = "labels added to the new snapshot for this container.")
    List<String> snapshotterLabels = new ArrayList<>();

    @Option(names = {"--config", "-config", "-c"}, description = "path to the runtime-specific spec config file")
    String config = "";

    @Option(names = {"--cwd", "-cwd"}, description = "specify the working directory of the process")
    String cwd = "";

    @Option(names = {"--env", "-env"}, description = "specify additional container environment variables (e.g. FOO=bar)")
    List<String> env = new ArrayList<>();

    @Option(names = {"--env-file", "-env-file"}, description = "specify additional container environment variables in a file(e.g. FOO=bar, one per line)")
    String envFile = "";

    @Option(names = {"--label", "-label"}, description = "specify additional labels (e.g. foo=bar)")
    List<String> labels = new ArrayList<>();

    @Option(names = {"--annotation", "-annotation"}, description = "specify additional OCI annotations (e.g. foo=bar)")
    List<String> annotations = new ArrayList<>();

    @Option(names = {"--mount", "-mount"}, description = "specify additional container mount (e.g. type=bind,src=/tmp,dst=/host,options=rbind:ro)")
    List<String> mounts = new ArrayList<>();

    @Option(names = {"--net-host", "-net-host"}, description = "enable host networking for the container")
    boolean netHost;

    @Option(names = {"--privileged", "-privileged"}, description = "run privileged container")
    boolean privileged;

    @Option(names = {"--read-only", "-read-only"}, description = "set the containers filesystem as readonly")
    boolean readOnly;

    @Option(names = {"--runtime", "-runtime"}, description = "runtime name")
    String runtime = RUNC_V2;

    @Option(names = {"--runtime-config-path", "-runtime-config-path"}, description = "optional runtime config path")
    String runtimeConfigPath = "";

    @Option(names = {"--tty", "-tty", "-t"}, description = "allocate a TTY for the container")
    boolean tty;

    @Option(names = {"--with-ns", "-with-ns"}, description = "specify existing Linux namespaces to join at container runtime (format '<nstype>:<path>')")
    List<String> withNs = new ArrayList<>();

    @Option(names = {"--pid-file", "-pid-file"}, description = "file path to write the task's pid")
    String pidFile = "";

    @Option(names = {"--gpus", "-gpus"}, description = "add gpus to the container")
    List<Integer> gpus = new ArrayList<>();

    @Option(names = {"--allow-new-privs", "-allow-new-privs"}, description = "turn off OCI spec's NoNewPrivileges feature flag")
    boolean allowNewPrivs;

    @Option(names = {"--memory-limit", "-memory-limit"}, description = "memory limit (in bytes) for the container",
            defaultValue = "0")
    long memoryLimit;

    @Option(names = {"--device", "-device"}, description = "file path to a device to add to the container; or a path to a directory tree of devices to add to the container")
    List<String> devices = new ArrayList<>();

    @Option(names = {"--cap-add", "-cap-add"}, description = "add Linux capabilities (Set capabilities with 'CAP_' prefix)")
    List<String> capAdd = new ArrayList<>();

    @Option(names = {"--cap-drop", "-cap-drop"}, description = "drop Linux capabilities (Set capabilities with 'CAP_' prefix)")
    List<String> capDrop = new ArrayList<>();

    @Option(names = {"--seccomp", "-seccomp"}, description = "enable the default seccomp profile")
    boolean seccomp;

    @Option(names = {"--seccomp-profile", "-seccomp-profile"}, description = "file path to custom seccomp profile. seccomp must be set to true, before using seccomp-profile")
    String seccompProfile = "";

    @Option(names = {"--apparmor-default-profile", "-apparmor-default-profile"}, description = "enable AppArmor with the default profile with the specified name, e.g. \"cri-containerd.apparmor.d\"")
    String apparmorDefaultProfile = "";

    @Option(names = {"--apparmor-profile", "-apparmor-profile"}, description = "enable AppArmor with an existing custom profile")
    String apparmorProfile = "";

    @Option(names = {"--rdt-class", "-rdt-class"}, description = "name of the RDT class to associate the container with. Specifies a Class of Service (CLOS) for cache and memory bandwidth management.")
    String rdtClass = "";

    @Option(names = {"--rootfs", "-rootfs"}, description = "use custom rootfs that is not managed by containerd snapshotter")
    boolean rootfs;

    @Option(names = {"--no-pivot", "-no-pivot"}, description = "disable use of pivot-root (linux only)")
    boolean noPivot;

    @Option(names = {"--cpu-quota", "-cpu-quota"}, description = "Limit CPU CFS quota", defaultValue = "-1")
    long cpuQuota;

    @Option(names = {"--cpu-period", "-cpu-period"}, description = "Limit CPU CFS period", defaultValue = "0")
    long cpuPeriod;

    @Option(names = {"--rootfs-propagation", "-rootfs-propagation"}, description = "set the propagation of the container rootfs")
    String rootfsPropagation = "";

    /** {@return whether {@code --tty} was given} */
    public boolean tty() {
        return tty;
    }

    /** {@return {@code --pid-file}, empty when not given} */
    public String pidFile() {
        return pidFile;
    }

    /** {@return whether {@code --no-pivot} was given} */
    public boolean noPivot() {
        return noPivot;
    }

    /**
     * Creates container {@code id} from image {@code ref} (a directory with {@code --rootfs}),
     * {@code args} (may be empty) replacing the image's command; {@return the container stored}
     */
    public Container newContainer(CommandContext context, String ref, String id, List<String> args) throws IOException {
        // containers create offers none of the runc flags: runc v2 gets its options all at their defaults
        return newContainer(context, ref, id, args, runtimeOptions(Oci.Options.getDefaultInstance()), RunOnlyOptions.NONE);
    }

    /** As {@link #newContainer(CommandContext, String, String, List)} with the runtime's {@code options} and run's own. */
    public Container newContainer(CommandContext context, String ref, String id, List<String> args, TypedValue options,
                                  RunOnlyOptions run) throws IOException {
        if (!config.isEmpty()) {
            throw new CommandException("--config is not supported by jctr yet: not implemented");
        }
        ContainerdClient client = context.client();
        return client.withTemporaryLease(() -> create(context, client, ref, id, args, options, run));
    }

    /**
     * {@return the runtime options ctr gives the container ({@code getRuntimeOptions})}: {@code runc}
     * for runc v2, {@code --runtime-config-path} for another runtime, else none
     */
    public TypedValue runtimeOptions(Oci.Options runc) {
        if (runtime.equals(RUNC_V2)) {
            return new TypedValue(RUNC_OPTIONS_TYPE, runc.toByteArray());
        }
        return runtimeConfigPath.isEmpty() ? null : RuntimeConfigOptions.of(runtimeConfigPath);
    }

    /** {@return {@code --runtime}} */
    public String runtime() {
        return runtime;
    }

    private Container create(CommandContext context, ContainerdClient client, String ref, String id, List<String> args,
                             TypedValue options, RunOnlyOptions run)
            throws IOException {
        if (rootfs) {
            RuntimeSpec spec = spec(context, id).withRootPath(Path.of(ref).toAbsolutePath().normalize().toString());
            return client.containers().create(new Container(id, ObjectWithLabels.labels(labels), "",
                    new Container.Runtime(runtime, options), new TypedValue(SPEC_TYPE, flags(spec, args, run).toJson()), "",
                    "", Map.of(), null, null));
        }
        Image image = client.images().get(ref);
        MatchComparer matcher = run.platform().isEmpty() ? Platforms.defaultMatcher()
                : Platforms.only(Platforms.parse(run.platform()));
        SnapshotsClient snapshots = client.snapshotsOrDefault(snapshotter.name);
        Unpacker unpacker = new Unpacker(client);
        if (!unpacker.isUnpacked(image, matcher, snapshots.name())) {
            unpacker.unpack(image, matcher, snapshots.name());
        }
        var content = client.content();
        ImageDescriptor configDesc = Images.config(content, ImageDescriptor.from(image.target()), matcher);
        ContainerConfig imageConfig = Images.imageConfig(content, configDesc).config();
        String chainId = ChainIds.chainId(Images.rootFs(content, configDesc)).map(Digest::toString).orElse("");

        snapshots.prepare(id, chainId, ObjectWithLabels.labels(snapshotterLabels));
        RuntimeSpec spec = spec(context, id);
        withImage(spec, imageConfig, new RootfsFiles(snapshots.mounts(id)));

        Map<String, String> containerLabels = new HashMap<>(imageConfig.labels());
        image.labels().forEach((k, v) -> {
            if (isValid(k, v)) {
                containerLabels.put(k, v);
            }
        });
        containerLabels.putAll(ObjectWithLabels.labels(labels));
        containerLabels.put(STOP_SIGNAL_LABEL, imageConfig.stopSignal().isEmpty() ? "SIGTERM" : imageConfig.stopSignal());
        return client.containers().create(new Container(id, containerLabels, image.name(),
                new Container.Runtime(runtime, options), new TypedValue(SPEC_TYPE, flags(spec, args, run).toJson()),
                snapshots.name(), id, Map.of(), null, null));
    }

    /** The spec options ctr applies before the root filesystem's: defaults, environment, mounts. */
    private RuntimeSpec spec(CommandContext context, String id) throws IOException {
        RuntimeSpec spec = new RuntimeSpec(context.namespace(), id).withDefaultUnixDevices();
        if (!envFile.isEmpty()) {
            spec.withEnv(Files.readAllLines(Path.of(envFile)).stream().filter(line -> !line.isBlank()).toList());
        }
        spec.withEnv(env);
        return spec.withMounts(MountFlag.parseAll(mounts));
    }

    /** {@code WithImageConfig}: the image's environment, command, working directory and user. */
    private static void withImage(RuntimeSpec spec, ContainerConfig image, RootfsFiles rootfs) throws IOException {
        spec.withImageConfig(image.env(), image.entrypoint(), image.cmd(), image.workingDir());
        ImageUser user = ImageUser.resolve(image.user(), rootfs);
        spec.withUser(user.uid(), user.gid()).withAdditionalGids(rootfs.supplementaryGids(user));
    }

    /** The rest of ctr's spec options, in its order, ending with the labels as annotations. */
    private RuntimeSpec flags(RuntimeSpec spec, List<String> args, RunOnlyOptions run) throws IOException {
        if (readOnly) {
            spec.withReadonlyRoot();
        }
        if (!args.isEmpty()) {
            spec.withArgs(args);
        }
        if (!cwd.isEmpty()) {
            spec.withCwd(cwd);
        }
        if (tty) {
            spec.withTty();
        }
        if (privileged) {
            spec.withPrivileged(ProcessCapabilities.current(), HostDevices.all());
        }
        if (netHost) {
            spec.withHostNetwork(InetAddress.getLocalHost().getHostName());
        }
        if (!annotations.isEmpty()) {
            spec.withAnnotations(ObjectWithLabels.labels(annotations));
        }
        spec.withAddedCapabilities(capabilities(capAdd)).withDroppedCapabilities(capabilities(capDrop));
        securityProfiles(spec);
        run.applyCpu(spec);
        if (cpuQuota != -1 || cpuPeriod != 0) {
            if (run.cpus() > 0) {
                throw new CommandException("cpus and quota/period should be used separately");
            }
            spec.withCpuCfs(cpuQuota, cpuPeriod);
        }
        for (String ns : withNs) {
            spec.withNamespace(JoinedNamespace.parse(ns));
        }
        if (!gpus.isEmpty()) {
            throw new CommandException("--gpus is not supported by jctr: not implemented");
        }
        if (allowNewPrivs) {
            spec.withNewPrivileges();
        }
        if (run.cgroup() != null) {
            spec.withCgroup(run.cgroup());
        }
        if (memoryLimit != 0) {
            spec.withMemoryLimit(memoryLimit);
        }
        for (String device : devices) {
            spec.withDevices(HostDevices.find(Path.of(device), ""), "rwm");
        }
        if (!rootfsPropagation.isEmpty()) {
            spec.withRootfsPropagation(rootfsPropagation);
        }
        if (!rdtClass.isEmpty()) {
            spec.withRdtClass(rdtClass);
        }
        return spec.withAnnotations(ObjectWithLabels.labels(labels));
    }

    private static List<String> capabilities(List<String> names) {
        for (String name : names) {
            if (!name.startsWith("CAP_")) {
                throw new CommandException("capabilities must be specified with 'CAP_' prefix");
            }
        }
        return names;
    }

    /** seccomp (containerd's default profile or a file's) and AppArmor (a named profile; generating one is not built). */
    private void securityProfiles(RuntimeSpec spec) {
        if (!seccomp && !seccompProfile.isEmpty()) {
            throw new CommandException("seccomp must be set to true, if using a custom seccomp-profile");
        }
        if (seccomp && seccompProfile.isEmpty()) {
            spec.withDefaultSeccomp();
        } else if (seccomp) {
            try {
                spec.withSeccomp(Seccomp.fromFile(Path.of(seccompProfile)));
            } catch (IOException e) {
                throw new CommandException(e.getMessage());
            }
        }
        if (!apparmorDefaultProfile.isEmpty()) {
            throw new CommandException("--apparmor-default-profile is not supported by jctr yet: not implemented");
        }
        if (!apparmorProfile.isEmpty()) {
            spec.withApparmorProfile(apparmorProfile);
        }
    }

    private static boolean isValid(String key, String value) {
        try {
            Labels.validate(key, value);
            return true;
        } catch (ErrdefsException e) {
            return false;
        }
    }
}
