package io.jcontainerd.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.mount.Mounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One container: its bundle, its init process and execs, driven through runc with the state
 * rules (and error texts) of the Go shim's process states. Callers hold its monitor for each
 * operation, so an operation and the events it publishes are never interleaved with another's.
 */
final class Container {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    final Path bundle;
    final Runc runc;
    final TaskProcess init;
    private final Mounter mounter;
    private final ReadableWatch stdinWatch;
    private final BinaryLogger.Launch loggers;
    private final boolean mountedRootfs;
    private final Map<String, TaskProcess> execs = new LinkedHashMap<>();
    /** linux.cgroupsPath of the spec, if it has one. */
    final Optional<String> cgroupsPath;

    private Container(String id, Path bundle, Runc runc, TaskProcess init, Mounter mounter, ReadableWatch stdinWatch,
            BinaryLogger.Launch loggers, boolean mountedRootfs, Optional<String> cgroupsPath) {
        this.id = id;
        this.bundle = bundle;
        this.runc = runc;
        this.init = init;
        this.mounter = mounter;
        this.stdinWatch = stdinWatch;
        this.loggers = loggers;
        this.mountedRootfs = mountedRootfs;
        this.cgroupsPath = cgroupsPath;
    }

    /**
     * Mounts the rootfs into the bundle and runs {@code runc create}; on failure everything it
     * did is undone.
     */
    static Container create(ShimContext shim, String id, Path bundle, List<Mount> rootfs, TaskProcess.Stdio stdio,
            RuncOptions options) throws IOException {
        Path rootfsDir = bundle.resolve("rootfs");
        if (!rootfs.isEmpty()) {
            try {
                shim.mounter().mountAll(rootfs, rootfsDir);
            } catch (IOException e) {
                shim.mounter().unmountAll(rootfsDir);
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to mount rootfs component: " + e.getMessage(), e);
            }
        }
        TaskProcess init = new TaskProcess(id, "", stdio);
        Runc runc = new Runc(shim.sys(), shim.reaper(), options.binary(), options.root(shim.namespace()), bundle);
        Container container = new Container(id, bundle, runc, init, shim.mounter(), shim.readableWatch(),
                new BinaryLogger.Launch(shim.sys(), shim.reaper(), id, shim.namespace(), bundle), !rootfs.isEmpty(),
                cgroupsPath(bundle));
        try {
            Path pidFile = bundle.resolve("init.pid");
            container.runWithStdio(init, "OCI runtime create failed: ",
                    "create", "--bundle", bundle.toString(), "--pid-file", pidFile.toString());
            init.pid = Runc.readPid(pidFile);
            endTaskLog(shim.sys(), bundle);
            return container;
        } catch (IOException | RuntimeException e) {
            init.released();
            if (Files.exists(bundle.resolve("init.pid"))) {
                container.forceDelete(); // runc made it, something after failed
            }
            if (!rootfs.isEmpty()) {
                try {
                    shim.mounter().unmountAll(rootfsDir);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static Optional<String> cgroupsPath(Path bundle) throws IOException {
        JsonNode spec = JSON.readTree(bundle.resolve("config.json").toFile());
        JsonNode path = spec.path("linux").path("cgroupsPath");
        return path.isTextual() && !path.asText().isEmpty() ? Optional.of(path.asText()) : Optional.empty();
    }

    /** {@return the init process ("" or the container's id) or an exec} */
    TaskProcess process(String execId) {
        if (execId.isEmpty()) {
            return init;
        }
        TaskProcess exec = execs.get(execId);
        if (exec == null) {
            throw Errdefs.notFound("process does not exist " + execId);
        }
        return exec;
    }

    List<TaskProcess> execs() {
        return List.copyOf(execs.values());
    }

    /** {@code runc start}. */
    void start() throws IOException {
        switch (init.status) {
            case CREATED -> {
                try {
                    runc.run(null, "start", id);
                } catch (Runc.RuncException e) {
                    throw new ErrdefsException(ErrorKind.UNKNOWN, "OCI runtime start failed: " + e.getMessage(), e);
                }
                init.status = ProcessStatus.RUNNING;
            }
            case RUNNING -> throw unknown("cannot start a running process");
            case PAUSED -> throw unknown("cannot start a paused process");
            case STOPPED -> throw unknown("cannot start a stopped process");
        }
    }

    /** Registers an exec, not started yet. */
    TaskProcess addExec(String execId, TaskProcess.Stdio stdio, byte[] processSpec) throws IOException {
        switch (init.status) {
            case CREATED -> throw unknown("cannot exec in a created state");
            case PAUSED -> throw unknown("cannot exec in a paused state");
            case STOPPED -> throw unknown("cannot exec in a stopped state");
            case RUNNING -> {
            }
        }
        if (execs.containsKey(execId)) {
            throw Errdefs.alreadyExists("id " + execId);
        }
        Files.write(specFile(execId), processSpec);
        TaskProcess exec = new TaskProcess(id, execId, stdio);
        execs.put(execId, exec);
        return exec;
    }

    /** {@code runc exec --detach} of a registered exec. */
    void startExec(TaskProcess exec) throws IOException {
        switch (exec.status) {
            case RUNNING -> throw unknown("cannot start a running process");
            case STOPPED -> throw unknown("cannot start a stopped process");
            default -> {
            }
        }
        Path pidFile = bundle.resolve(exec.execId + ".pid");
        try {
            runWithStdio(exec, "OCI runtime exec failed: ", "exec", "--detach", "--pid-file", pidFile.toString(),
                    "--process", specFile(exec.execId).toString());
        } catch (IOException | RuntimeException e) {
            exec.released();
            throw e;
        }
        exec.pid = Runc.readPid(pidFile);
        exec.status = ProcessStatus.RUNNING;
    }

    /**
     * Runs runc {@code args... <id>} making {@code process}: with a terminal through a console
     * socket (the pty master is then copied to and from the client's FIFOs), otherwise with the
     * client's FIFOs as its stdio.
     */
    private void runWithStdio(TaskProcess process, String failure, String... args) throws IOException {
        TaskProcess.Stdio stdio = process.stdio;
        if (stdio.terminal()) {
            try (ConsoleSocket socket = ConsoleSocket.open(runc.sys())) {
                runOrFail(null, failure, append(args, "--console-socket", socket.path().toString(), id));
                process.console = TerminalIo.start(runc.sys(), socket.master(), stdio.stdin(), stdio.stdout());
            }
            return;
        }
        process.io = ProcessIo.open(runc.sys(), stdinWatch, stdio.stdin(), OutputTarget.of(stdio.stdout(), stdio.stderr()),
                loggers);
        runOrFail(process.io.childFds(), failure, append(args, id));
        process.io.handedOver();
    }

    private void runOrFail(int[] stdio, String failure, String... args) throws IOException {
        try {
            runc.run(stdio, args);
        } catch (Runc.RuncException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, failure + e.getMessage(), e);
        }
    }

    /**
     * The Go shim writes its log into the task's {@code log} FIFO, which the daemon reads until
     * end of file. Ours serves a whole group and logs to the group's file, so it opens and closes
     * the FIFO at once: the daemon's reader ends now instead of waiting out the task (our daemon
     * holds a thread for it). containerd holds the FIFO open read-write itself and never ends.
     */
    private static void endTaskLog(Syscalls sys, Path bundle) {
        try {
            sys.close(sys.open(RawPath.of(bundle.resolve("log")), Linux.O_WRONLY | Linux.O_NONBLOCK | Linux.O_CLOEXEC, 0));
        } catch (SyscallException e) {
            // ENXIO: no reader (yet); ENOENT: a daemon that made no log FIFO
        }
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** {@code ResizePty}: only a terminal has a size, as the Go shim ignores it otherwise. */
    void resize(String execId, int width, int height) throws IOException {
        TaskProcess process = process(execId);
        if (process.console != null) {
            process.console.resize(height, width);
        }
    }

    private Path specFile(String execId) {
        return bundle.resolve(execId + ".process.json");
    }

    /** Kills the init process through runc ({@code all}: every process of the container), or an exec directly. */
    void kill(String execId, int signal, boolean all) throws IOException {
        TaskProcess process = process(execId);
        if (process.isInit()) {
            try {
                if (all) {
                    runc.run(null, "kill", "--all", id, Integer.toString(signal));
                } else {
                    runc.run(null, "kill", id, Integer.toString(signal));
                }
            } catch (Runc.RuncException e) {
                throw killError(e.getMessage());
            }
            return;
        }
        switch (process.status) {
            case CREATED -> throw Errdefs.failedPrecondition("process not created");
            case STOPPED -> throw Errdefs.notFound("process already finished");
            default -> {
                try {
                    runc.sys().kill(process.pid, signal);
                } catch (IOException e) {
                    throw killError(e.getMessage());
                }
            }
        }
    }

    /** Go's checkKillError: what a failed kill means to the caller. */
    private static ErrdefsException killError(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (message.contains("container not running") || lower.contains("no such process") || lower.contains("esrch")) {
            return Errdefs.notFound("process already finished");
        }
        if (message.contains("does not exist")) {
            return Errdefs.notFound("no such container");
        }
        return new ErrdefsException(ErrorKind.UNKNOWN, "unknown error after kill: " + message);
    }

    void pause() throws IOException {
        switch (init.status) {
            case CREATED -> throw unknown("cannot pause task in created state");
            case PAUSED -> throw unknown("cannot pause a paused container");
            case STOPPED -> throw unknown("cannot pause a stopped container");
            case RUNNING -> {
                runc.run(null, "pause", id);
                init.status = ProcessStatus.PAUSED;
            }
        }
    }

    void resume() throws IOException {
        switch (init.status) {
            case CREATED -> throw unknown("cannot resume task in created state");
            case RUNNING -> throw unknown("cannot resume a running process");
            case STOPPED -> throw unknown("cannot resume a stopped container");
            case PAUSED -> {
                runc.run(null, "resume", id);
                init.status = ProcessStatus.RUNNING;
            }
        }
    }

    /** {@code runc update --resources} with the OCI {@code LinuxResources} JSON the client sent. */
    void update(byte[] resourcesJson) throws IOException {
        if (init.status == ProcessStatus.STOPPED) {
            throw unknown("cannot update a stopped container");
        }
        Path file = Files.createTempFile(bundle, "resources-", ".json");
        try {
            Files.write(file, resourcesJson);
            runc.run(null, "update", "--resources", file.toString(), id);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Deletes an exec that is not running. */
    TaskProcess deleteExec(String execId) {
        TaskProcess exec = process(execId);
        if (exec.status == ProcessStatus.RUNNING) {
            throw unknown("cannot delete a running process");
        }
        execs.remove(execId);
        exec.released();
        try {
            Files.deleteIfExists(specFile(execId));
            Files.deleteIfExists(bundle.resolve(execId + ".pid"));
        } catch (IOException e) {
            // the bundle goes with the task anyway
        }
        return exec;
    }

    /** {@code runc delete} of a created or stopped container, then the rootfs is unmounted. */
    void delete() throws IOException {
        switch (init.status) {
            case RUNNING -> throw unknown("cannot delete a running process");
            case PAUSED -> throw unknown("cannot delete a paused process");
            default -> {
            }
        }
        try {
            runc.run(null, "delete", "--force", id);
        } catch (Runc.RuncException e) {
            if (!e.getMessage().contains("does not exist")) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to delete task: " + e.getMessage(), e);
            }
        }
        init.released();
        if (mountedRootfs) {
            try {
                mounter.unmountAll(bundle.resolve("rootfs"));
            } catch (IOException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "failed rootfs umount: " + e.getMessage(), e);
            }
        }
    }

    /** Best effort: {@code runc delete --force}, for a container that must not stay behind. */
    private void forceDelete() {
        try {
            runc.run(null, "delete", "--force", id);
        } catch (IOException e) {
            // nothing more to do; the daemon's cleanup runs the shim's delete too
        }
    }

    private static ErrdefsException unknown(String message) {
        return new ErrdefsException(ErrorKind.UNKNOWN, message);
    }
}
