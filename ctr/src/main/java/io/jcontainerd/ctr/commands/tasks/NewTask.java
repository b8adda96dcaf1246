package io.jcontainerd.ctr.commands.tasks;

import containerd.runc.v1.Oci;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.cio.ProcessIo;
import io.jcontainerd.client.cio.Streams;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import io.jcontainerd.sys.Terminal;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Creates a container's task with its IO, as ctr's {@code tasks.NewTask} and containerd's
 * {@code container.NewTask}: the rootfs mounts from the container's snapshot, stdio through FIFOs
 * (the terminal's when there is one), {@code /dev/null} or a log URI; the stdin copy closes the
 * task's stdin when ours ends. On failure the FIFOs are removed again.
 */
public final class NewTask {
    /** How ctr's flags ask for the task's IO; {@code terminal} is present when the process has one. */
    public record IoFlags(boolean nullIo, String logUri, String fifoDir) {
    }

    /** A created (not started) task and its IO. */
    public record Created(TaskProcess process, ProcessIo io, int pid) {
    }

    private NewTask() {
    }

    /** Creates the task; {@code noPivot} asks runc not to use pivot_root. */
    public static Created create(CommandContext context, Container container, Terminal terminal, IoFlags flags,
            boolean noPivot) throws IOException {
        ContainerdClient client = context.client();
        ProcessIo io = io(container.id(), terminal, flags);
        try {
            int pid = client.tasks().create(container.id(), rootfs(client, container), io.config(),
                    noPivot ? noPivotOptions() : null);
            TaskProcess process = TaskProcess.init(context, container.id());
            io.onStdinEnd(process::closeStdin);
            return new Created(process, io, pid);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
    }

    /** {@return the IO ctr gives a new process: the terminal's, none, a log URI or our stdio, in that order} */
    public static ProcessIo io(String id, Terminal terminal, IoFlags flags) throws IOException {
        if (terminal != null) {
            if (flags.nullIo()) {
                throw new CommandException("tty and null-io cannot be used together");
            }
            return ProcessIo.fifos(flags.fifoDir(), id, new Streams(new FileInputStream(FileDescriptor.in),
                    new FileOutputStream(FileDescriptor.out), null), true);
        }
        if (flags.nullIo()) {
            return ProcessIo.nullIo();
        }
        if (!flags.logUri().isEmpty()) {
            return ProcessIo.logUri(flags.logUri());
        }
        return ProcessIo.fifos(flags.fifoDir(), id, Streams.stdio(), false);
    }

    private static List<Mount> rootfs(ContainerdClient client, Container container) {
        if (container.snapshotKey().isEmpty()) {
            return List.of();
        }
        if (container.snapshotter().isEmpty()) {
            throw new CommandException("unable to resolve rootfs mounts without snapshotter on container: invalid argument");
        }
        return client.snapshots(container.snapshotter()).mounts(container.snapshotKey());
    }

    private static TypedValue noPivotOptions() {
        return new TypedValue(ContainerFlags.RUNC_OPTIONS_TYPE, Oci.Options.newBuilder().setNoPivotRoot(true).build().toByteArray());
    }
}
