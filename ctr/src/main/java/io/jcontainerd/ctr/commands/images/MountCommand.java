package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.text.GoErrors;
import io.jcontainerd.ctr.text.GoTime;
import io.jcontainerd.image.ChainIds;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.mount.Mounter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Mounts an image's root filesystem on a directory of this host, as ctr 1.6 does: a lease named
 * by the target (kept for {@code unmount --rm}) holds the unpacked image and a view (or, with
 * {@code --rw}, an active snapshot) keyed by the target, whose mounts are performed here. Prints
 * the chain ID of the image's layers, then the target. Like ctr it always uses the default
 * snapshotter, whatever {@code --snapshotter} says.
 */
@Command(name = "mount", header = "mount an image to a target path", customSynopsis = "[flags] <ref> <target>",
        description = """
                Mount an image rootfs to a specified path.

                When you are done, use the unmount command.
                """)
final class MountCommand implements CtrCommand {
    private static final Duration LEASE_EXPIRY = Duration.ofHours(24);

    @Mixin
    RegistryFlags registry;

    @Mixin
    SnapshotterFlag snapshotter;

    @Option(names = {"--label", "-label"}, description = "labels to attach to the image")
    List<String> labels = new ArrayList<>();

    @Option(names = {"--rw", "-rw"}, description = "Enable write support on the mount")
    boolean rw;

    @Option(names = {"--platform", "-platform"}, description = "Mount the image for the specified platform")
    String platform = Platforms.defaultString();

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        String target = args.size() < 2 ? "" : args.get(1);
        if (ref.isEmpty()) {
            throw new CommandException("please provide an image reference to mount");
        }
        if (target.isEmpty()) {
            throw new CommandException("please provide a target path to mount to");
        }
        ContainerdClient client = context.client();
        String snapshotterName = ContainerdClient.DEFAULT_SNAPSHOTTER;
        boolean leased;
        try {
            client.leases().create(target, Map.of(
                    GcLabels.EXPIRE, GoTime.rfc3339(Instant.now().plus(LEASE_EXPIRY), ZoneId.systemDefault()),
                    GcLabels.SNAPSHOT_REF + snapshotterName, target));
            leased = true;
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                throw e;
            }
            leased = false; // a mount of this target exists; work without a lease, as ctr does
        }
        try {
            if (leased) {
                client.withLease(target, () -> mount(context, ref, target, snapshotterName));
            } else {
                mount(context, ref, target, snapshotterName);
            }
        } catch (IOException | RuntimeException e) {
            if (leased) {
                client.leases().delete(target, false);
            }
            throw e;
        }
        return 0;
    }

    private Void mount(CommandContext context, String ref, String target, String snapshotterName) throws IOException {
        MatchComparer matcher;
        try {
            matcher = Platforms.only(Platforms.parse(platform));
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "unable to parse platform " + platform + ": " + e.getMessage(), e);
        }
        ContainerdClient client = context.client();
        Image image = client.images().get(ref);
        try {
            new Unpacker(client).unpack(image, matcher, snapshotterName);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "error unpacking image: " + e.getMessage(), e);
        }
        var content = client.content();
        ImageDescriptor imageTarget = ImageDescriptor.from(image.target());
        List<Digest> diffIds = Images.rootFs(content, Images.config(content, imageTarget, matcher));
        String chainId = ChainIds.chainId(diffIds).map(Digest::toString).orElse("");
        context.out().println(chainId);

        SnapshotsClient snapshots = client.snapshots(snapshotterName);
        List<Mount> mounts;
        try {
            mounts = rw ? snapshots.prepare(target, chainId, Map.of()) : snapshots.view(target, chainId, Map.of());
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                throw e;
            }
            mounts = snapshots.mounts(target);
        }
        try {
            new Mounter(new LinuxSyscalls()).mountAll(mounts, Path.of(target));
        } catch (SyscallException e) {
            try {
                snapshots.remove(target);
            } catch (ErrdefsException removal) {
                if (removal.kind() != ErrorKind.NOT_FOUND) {
                    context.err().println("Error cleaning up snapshot after mount error: " + removal.getMessage());
                }
            }
            throw new CommandException(GoErrors.errno(e.errno()));
        }
        context.out().println(target);
        return null;
    }
}
