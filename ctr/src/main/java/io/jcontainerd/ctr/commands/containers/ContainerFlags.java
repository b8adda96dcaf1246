package io.jcontainerd.ctr.commands.containers;

import containerd.runc.v1.Oci;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.client.oci.RuntimeSpec;
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

    @Option(names = {"--net-host", "-net-host"}, description = "enable host networking for the container")
    boolean netHost;

    @Option(names = {"--read-only", "-read-only"}, description = "set the containers filesystem as readonly")
    boolean readOnly;

    @Option(names = {"--runtime", "-runtime"}, description = "runtime name")
    String runtime = RUNC_V2;

    @Option(names = {"--tty", "-tty", "-t"}, description = "allocate a TTY for the container")
    boolean tty;

    @Option(names = {"--pid-file", "-pid-file"}, description = "file path to write the task's pid")
    String pidFile = "";

    @Option(names = {"--memory-limit", "-memory-limit"}, description = "memory limit (in bytes) for the container")
    long memoryLimit;

    @Option(names = {"--annotation", "-annotation"}, description = "specify additional OCI annotations (e.g. foo=bar)")
    List<String> annotations = new ArrayList<>();

    @Option(names = {"--cpu-quota", "-cpu-quota"}, description = "Limit CPU CFS quota")
    long cpuQuota = -1;

    @Option(names = {"--cpu-period", "-cpu-period"}, description = "Limit CPU CFS period")
    long cpuPeriod;

    /** {@return whether {@code --tty} was given} */
    public boolean tty() {
        return tty;
    }

    /** {@return {@code --pid-file}, empty when not given} */
    public String pidFile() {
        return pidFile;
    }

    /**
     * Creates container {@code id} from image {@code ref}, {@code args} (may be empty) replacing
     * the image's command; {@return the container stored}
     */
    public Container newContainer(CommandContext context, String ref, String id, List<String> args) throws IOException {
        // containers create offers none of the runc flags: runc v2 gets its options all at their defaults
        return newContainer(context, ref, id, args, runtimeOptions(runtime, Oci.Options.getDefaultInstance()));
    }

    /** As {@link #newContainer(CommandContext, String, String, List)} with the runtime's {@code options}. */
    public Container newContainer(CommandContext context, String ref, String id, List<String> args, TypedValue options)
            throws IOException {
        if (!config.isEmpty()) {
            throw new CommandException("--config is not supported by jctr yet: not implemented");
        }
        ContainerdClient client = context.client();
        return client.withTemporaryLease(() -> create(context, client, ref, id, args, options));
    }

    /** {@return the runtime options ctr gives a container of {@code runtime}}: {@code runc} for runc v2, none otherwise */
    public static TypedValue runtimeOptions(String runtime, Oci.Options runc) {
        return runtime.equals(RUNC_V2) ? new TypedValue(RUNC_OPTIONS_TYPE, runc.toByteArray()) : null;
    }

    /** {@return {@code --runtime}} */
    public String runtime() {
        return runtime;
    }

    private Container create(CommandContext context, ContainerdClient client, String ref, String id, List<String> args,
                             TypedValue options)
            throws IOException {
        Image image = client.images().get(ref);
        MatchComparer matcher = Platforms.defaultMatcher();
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
        RuntimeSpec spec = spec(context, id, imageConfig, new RootfsFiles(snapshots.mounts(id)), args);

        Map<String, String> containerLabels = new HashMap<>(imageConfig.labels());
        image.labels().forEach((k, v) -> {
            if (isValid(k, v)) {
                containerLabels.put(k, v);
            }
        });
        containerLabels.putAll(ObjectWithLabels.labels(labels));
        containerLabels.put(STOP_SIGNAL_LABEL, imageConfig.stopSignal().isEmpty() ? "SIGTERM" : imageConfig.stopSignal());
        return client.containers().create(new Container(id, containerLabels, image.name(),
                new Container.Runtime(runtime, options), new TypedValue(SPEC_TYPE, spec.toJson()), snapshots.name(), id,
                Map.of(), null, null));
    }

    /** The spec options in ctr's order: defaults, environment, image config, then the flags. */
    private RuntimeSpec spec(CommandContext context, String id, ContainerConfig image, RootfsFiles rootfs, List<String> args)
            throws IOException {
        RuntimeSpec spec = new RuntimeSpec(context.namespace(), id).withDefaultUnixDevices();
        if (!envFile.isEmpty()) {
            spec.withEnv(Files.readAllLines(Path.of(envFile)).stream().filter(line -> !line.isBlank()).toList());
        }
        spec.withEnv(env);
        spec.withImageConfig(image.env(), image.entrypoint(), image.cmd(), image.workingDir());
        ImageUser user = ImageUser.resolve(image.user(), rootfs);
        spec.withUser(user.uid(), user.gid()).withAdditionalGids(rootfs.supplementaryGids(user));
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
        if (netHost) {
            spec.withHostNetwork(InetAddress.getLocalHost().getHostName());
        }
        if (!annotations.isEmpty()) {
            spec.withAnnotations(ObjectWithLabels.labels(annotations));
        }
        if (cpuQuota != -1 || cpuPeriod != 0) {
            spec.withCpuCfs(cpuQuota, cpuPeriod);
        }
        if (memoryLimit != 0) {
            spec.withMemoryLimit(memoryLimit);
        }
        return spec.withAnnotations(ObjectWithLabels.labels(labels));
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
