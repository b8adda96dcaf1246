package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.text.GoErrors;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.mount.Mounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Unmounts everything mounted on the target and prints it; with {@code --rm} also deletes the
 * lease and the snapshot {@code images mount} made for it, as ctr 1.6 does.
 */
@Command(name = "unmount", header = "unmount the image from the target", customSynopsis = "[flags] <target>",
        description = "Unmount the image rootfs from the specified target.")
final class UnmountCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Mixin
    SnapshotterFlag snapshotter;

    @Option(names = {"--label", "-label"}, description = "labels to attach to the image")
    List<String> labels = new ArrayList<>();

    @Option(names = {"--rm", "-rm"}, description = "remove the snapshot after a successful unmount")
    boolean rm;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String target = args.isEmpty() ? "" : args.getFirst();
        if (target.isEmpty()) {
            throw new CommandException("please provide a target path to unmount from");
        }
        ContainerdClient client = context.client();
        try {
            new Mounter(new LinuxSyscalls()).unmountAll(Path.of(target));
        } catch (SyscallException e) {
            throw new CommandException(GoErrors.errno(e.errno()));
        }
        if (rm) {
            try {
                client.leases().delete(target, false);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw new ErrdefsException(e.kind(), "error deleting lease: " + e.getMessage(), e);
                }
            }
            try {
                client.snapshots(snapshotter.name.isEmpty() ? ContainerdClient.DEFAULT_SNAPSHOTTER : snapshotter.name)
                        .remove(target);
            } catch (ErrdefsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw new ErrdefsException(e.kind(), "error removing snapshot: " + e.getMessage(), e);
                }
            }
        }
        context.out().println(target);
        return 0;
    }
}
