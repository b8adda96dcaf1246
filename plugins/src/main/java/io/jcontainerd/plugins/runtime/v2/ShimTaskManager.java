package io.jcontainerd.plugins.runtime.v2;

import containerd.events.Task.TaskDelete;
import containerd.events.Task.TaskExit;
import containerd.task.v2.Shim.CreateTaskRequest;
import containerd.task.v2.Shim.DeleteResponse;
import containerd.task.v2.Shim.ShutdownRequest;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.jcontainerd.api.events.EventTypes;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.PlatformRuntime;
import io.jcontainerd.core.runtime.Task;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.ttrpc.TtrpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;

/**
 * {@code io.containerd.runtime.v2 task}, after containerd 1.6's {@code ShimManager}/{@code
 * TaskManager}. Creating a task makes its bundle, starts the shim (or hands the task to the shim
 * of its group, see {@link ShimGroups}), connects over ttrpc and asks it to create the container;
 * deleting asks the shim to delete it, shuts the shim down (one that serves others stays) and
 * removes the bundle. A shim whose connection drops while its task is still
 * listed is cleaned up with its {@code delete} subcommand, and the task's exit and deletion are
 * published on its behalf. The shims publish everything else ({@code /tasks/create}, {@code /tasks/exit}, ...).
 */
public final class ShimTaskManager implements PlatformRuntime, AutoCloseable {
    public static final String ID = "task";
    private static final System.Logger LOG = System.getLogger(ShimTaskManager.class.getName());
    private static final String BINARY_PATH_FILE = "shim-binary-path";
    // runc-v2 1.6 publishes over TTRPC_ADDRESS and never runs this; we have no `publish` command
    private static final String PUBLISH_BINARY = "jcontainerd";

    private record Key(String namespace, String id) {
    }

    private final Path root;
    private final Path state;
    private final ShimBinaries binaries;
    private final String grpcAddress;
    private final String ttrpcAddress;
    private final Publisher publisher;
    private final Syscalls sys;
    private final ShimTimeouts timeouts;
    /** Copies every task's shim log on one thread. */
    private final ReadableWatch shimLogs;
    private final Map<Key, ShimTask> tasks = new ConcurrentHashMap<>();
    /** Threads shutting down the shims of deleted tasks and removing their retired bundles. */
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    private final ShimGroups groups;
    private final Map<String, ShimGate> gates = new ConcurrentHashMap<>();

    /**
     * @param root  the plugin's root: task work directories
     * @param state the plugin's state: bundles
     */
    public ShimTaskManager(Path root, Path state, String searchPath, String grpcAddress, String ttrpcAddress,
            Publisher publisher, Syscalls sys, ShimTimeouts timeouts, ShimGroups groups) {
        this.root = root;
        this.state = state;
        this.binaries = new ShimBinaries(searchPath);
        this.grpcAddress = grpcAddress;
        this.ttrpcAddress = ttrpcAddress;
        this.publisher = publisher;
        this.sys = sys;
        this.timeouts = timeouts;
        this.shimLogs = new ReadableWatch(sys);
        this.groups = groups;
    }

    @Override
    public String id() {
        return "io.containerd.runtime.v2." + ID;
    }

    @Override
    public Task create(String namespace, String id, CreateOpts opts) {
        Key key = new Key(namespace, id);
        if (tasks.containsKey(key)) {
            throw Errdefs.alreadyExists("task " + id);
        }
        ShimGate gate = gate(namespace);
        ShimTask failed;
        RuntimeException failure;
        gate.createBegins(timeouts.shutdown());
        ShimGroups.Placement placement = groups.place(namespace, opts.runtime(),
                opts.spec() == null ? new byte[0] : opts.spec().value());
        ShimGroup group = placement.group();
        try {
            ShimTask task = startInNewBundle(key, placement.spec(), group, opts);
            if (tasks.putIfAbsent(key, task) != null) {
                failed = task;
                failure = Errdefs.alreadyExists("task " + id);
            } else {
                try {
                    task.create(createRequest(task, opts));
                    return task;
                } catch (RuntimeException e) {
                    tasks.remove(key, task);
                    try {
                        task.delete();
                    } catch (RuntimeException cleanup) {
                        LOG.log(Level.DEBUG, "delete of task " + id + " after a failed create: " + cleanup.getMessage());
                    }
                    failed = task;
                    failure = wrap("failed to create shim task: ", e);
                }
            }
        } catch (RuntimeException e) {
            groups.leave(group);
            throw e;
        } finally {
            gate.createDone();
        }
        // after createDone: a Shutdown waits for the creates under way, this one included
        groups.leave(failed.leaveGroup());
        gate.shutdownPending();
        stop(failed);
        throw failure;
    }

    private ShimGate gate(String namespace) {
        return gates.computeIfAbsent(namespace, ns -> new ShimGate());
    }

    /** Makes the bundle and starts the task's shim; the bundle is gone again when that fails. */
    private ShimTask startInNewBundle(Key key, byte[] spec, ShimGroup group, CreateOpts opts) {
        Bundle bundle = Bundle.create(sys, root, state, key.namespace(), key.id(), spec);
        try {
            Path binary = binaries.resolve(opts.runtime());
            try {
                return startShim(key, bundle, group, opts.taskOptions() != null ? opts.taskOptions() : opts.runtimeOptions(),
                        binary);
            } catch (RuntimeException | IOException e) {
                throw wrap("start failed: ", e);
            }
        } catch (RuntimeException e) {
            deleteBundle(bundle);
            throw wrap("failed to start shim: ", e);
        }
    }

    private static CreateTaskRequest createRequest(ShimTask task, CreateOpts opts) {
        CreateTaskRequest.Builder request = CreateTaskRequest.newBuilder().setId(task.id())
                .setBundle(task.bundle().path().toString())
                .setStdin(opts.io().stdin()).setStdout(opts.io().stdout()).setStderr(opts.io().stderr())
                .setTerminal(opts.io().terminal()).setCheckpoint(opts.checkpoint());
        TypedValue options = opts.taskOptions() != null ? opts.taskOptions() : opts.runtimeOptions();
        if (options != null) {
            request.setOptions(ShimProtos.any(options));
        }
        opts.rootfs().forEach(m -> request.addRootfs(ShimProtos.mount(m)));
        return request.build();
    }

    private ShimTask startShim(Key key, Bundle bundle, ShimGroup group, TypedValue options, Path binary) throws IOException {
        ShimCommand command = command(binary);
        ShimLog log = ShimLog.open(sys, shimLogs, bundle.file("log"), System.err);
        try {
            // before the shim exists: a daemon that dies while it starts finds, on restart, the
            // binary to run `delete` with for a shim that may be running
            Files.writeString(bundle.file(BINARY_PATH_FILE), binary.toString());
            Optional<Lock> turn = Optional.ofNullable(group).map(groups::startLock);
            turn.ifPresent(Lock::lock);
            String address;
            try {
                address = command.start(bundle, LOG.isLoggable(Level.DEBUG), options);
            } finally {
                turn.ifPresent(Lock::unlock);
            }
            return connect(key, bundle, group, command, log, address);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private ShimTask connect(Key key, Bundle bundle, ShimGroup group, ShimCommand command, ShimLog log, String address)
            throws IOException {
        AtomicReference<ShimTask> self = new AtomicReference<>();
        TtrpcClient client = TtrpcClient.connect(socketPath(address), () -> {
            ShimTask task = self.get();
            if (task == null) {
                return;
            }
            task.hungUp().complete(null);
            if (tasks.remove(key, task)) {
                groups.leave(task.leaveGroup());
                Thread.startVirtualThread(() -> cleanupAfterDeadShim(task, command));
            }
        });
        ShimTask task = new ShimTask(new ShimConnection(client), timeouts, bundle, group, log);
        self.set(task);
        return task;
    }

    /** The shim prints {@code unix:///path}; older shims print the bare path. */
    private static Path socketPath(String address) {
        String path = address.startsWith("unix://") ? address.substring("unix://".length()) : address;
        if (path.isEmpty()) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "shim printed no address");
        }
        return Path.of(path);
    }

    @Override
    public Optional<Task> get(String namespace, String id) {
        return Optional.ofNullable(tasks.get(new Key(namespace, id)));
    }

    @Override
    public List<Task> tasks(String namespace) {
        return tasks.entrySet().stream().filter(e -> e.getKey().namespace().equals(namespace))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Key::id)))
                .map(e -> (Task) e.getValue()).toList();
    }

    /**
     * Deletes the task in its shim, then shuts the shim down and removes the bundle, the last two
     * after the reply (see {@link #retire}); the shim publishes {@code /tasks/delete}.
     */
    @Override
    public Exit delete(String namespace, String id) {
        Key key = new Key(namespace, id);
        ShimTask task = tasks.get(key);
        if (task == null) {
            throw Errdefs.notFound("task " + id);
        }
        Exit exit = null;
        RuntimeException shimError = null;
        // before the shim can drop the container: from then on a create might find the shim exiting
        // at another task's Shutdown, which counts this task as still served (see #shutdown)
        ShimGate gate = gate(namespace);
        gate.shutdownPending();
        try {
            exit = task.delete();
            tasks.remove(key, task); // before the shim hangs up, so that is no death to clean up after
        } catch (ErrdefsException e) {
            if (!ShimConnection.isClosed(e) && !e.is(ErrorKind.NOT_FOUND)) {
                gate.shutdownWithdrawn();
                throw wrap("failed to delete task: ", e);
            }
            shimError = e;
        } catch (RuntimeException e) {
            gate.shutdownWithdrawn();
            throw e;
        }
        groups.leave(task.leaveGroup());
        if (shimError != null) {
            tasks.remove(key, task);
            stop(task);
            throw wrap("failed to delete task: ", shimError);
        }
        retire(task);
        return exit;
    }

    /**
     * Shuts the shim down and removes the bundle; errors are logged, as upstream. The caller has
     * told the namespace's gate of the Shutdown.
     */
    private void stop(ShimTask task) {
        shutdown(task);
        task.disconnect();
        deleteBundle(task.bundle());
    }

    /**
     * Sends Shutdown through the namespace's {@link ShimGate}, which {@link ShimGate#shutdownPending}
     * must have been told of. A group's shim that served its last task is then awaited until it
     * hangs up: runc-v2 removes its socket at Shutdown only while the bundle it started in (its
     * first task's) exists, and a {@code start} must not find a shim that is exiting.
     */
    private void shutdown(ShimTask task) {
        gate(task.namespace()).shutDown(timeouts.shutdown(), () -> {
            try {
                task.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "failed to shutdown shim task " + task.id() + ": " + e.getMessage());
                return;
            }
            if (task.group() != null && tasks.values().stream().noneMatch(t -> task.group().equals(t.group()))) {
                awaitHangUp(task);
            }
        });
    }

    private void awaitHangUp(ShimTask task) {
        try {
            task.hungUp().get(timeouts.shutdown().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "the shim of group " + task.group().name() + " did not exit after its last task "
                    + task.id() + " was deleted");
        }
    }

    /**
     * What {@link #stop} does for a deleted task, but with only two renames before the reply:
     * the bundle and work directory move aside, out of the way of a new bundle of the same id,
     * and a virtual thread then shuts the shim down and removes them. Upstream does all of it
     * before replying; it took 3-6 ms of every Delete here, 20 ms when the disk is busy, and the
     * client waits for none of it (a new task of the namespace waits for the Shutdown, see
     * {@link ShimGate}). A daemon that stops first leaves the rest to the next
     * one's {@link #loadExisting}.
     */
    private void retire(ShimTask task) {
        task.releaseLog(); // the FIFO is about to move: a copy still waiting to open it must not wait on
        Bundle.Retired retired;
        try {
            retired = task.bundle().retire(root);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot move bundle " + task.bundle().path() + " aside: " + e.getMessage());
            stop(task);
            return;
        }
        Thread thread = Thread.ofVirtual().name("retire " + task.id()).unstarted(() -> {
            try {
                shutdown(task);
                task.disconnect();
                deleteRetired(retired);
            } finally {
                retiring.remove(Thread.currentThread());
            }
        });
        retiring.add(thread);
        thread.start();
    }

    private void deleteRetired(Bundle.Retired retired) {
        try {
            retired.delete(sys);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "failed to delete bundle " + retired.path() + ": " + e.getMessage());
        }
    }

    /** Lets the shims of just-deleted tasks hear their Shutdown before the daemon exits. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + timeouts.shutdown().toNanos();
        for (Thread thread : List.copyOf(retiring)) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deleteBundle(Bundle bundle) {
        try {
            bundle.delete(sys);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "failed to delete bundle " + bundle.path() + ": " + e.getMessage());
        }
    }

    /**
     * A shim hung up while its task was listed: run {@code shim delete} (which kills and deletes
     * the container) and publish the task's exit and deletion, 255 when the shim could not say.
     */
    private void cleanupAfterDeadShim(ShimTask task, ShimCommand command) {
        Bundle bundle = task.bundle();
        LOG.log(Level.WARNING, "cleaning up after shim disconnected: id=" + bundle.id() + " namespace=" + bundle.namespace());
        task.disconnect();
        Exit exit = new Exit(0, 255, Instant.now());
        try {
            DeleteResponse response = command.delete(bundle, timeouts.cleanup());
            exit = new Exit(response.getPid(), response.getExitStatus(), ShimProtos.instant(response.getExitedAt()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "failed to clean up after shim disconnected: id=" + bundle.id() + ": " + e.getMessage());
        }
        deleteBundle(bundle);
        publish(bundle.namespace(), "/tasks/exit", TaskExit.newBuilder().setContainerId(bundle.id()).setId(bundle.id())
                .setPid(exit.pid()).setExitStatus(exit.status()).setExitedAt(ShimProtos.timestamp(exit.timestamp())).build());
        publish(bundle.namespace(), "/tasks/delete", TaskDelete.newBuilder().setContainerId(bundle.id())
                .setPid(exit.pid()).setExitStatus(exit.status()).setExitedAt(ShimProtos.timestamp(exit.timestamp())).build());
    }

    private void publish(String namespace, String topic, Message event) {
        try {
            publisher.publish(namespace, topic, new TypedValue(EventTypes.typeUrl(event), event.toByteArray()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "publish " + topic + ": " + e.getMessage());
        }
    }

    /**
     * Reconnects to the shims of the bundles a previous daemon left, so their tasks are listed
     * again; a bundle whose shim is gone is cleaned up with the shim's {@code delete}. As upstream,
     * nothing is published for those: no client can be subscribed before the daemon serves.
     */
    public void loadExisting() throws IOException {
        if (!Files.isDirectory(state)) {
            return;
        }
        for (Bundle.Retired retired : Bundle.Retired.left(root, state)) {
            finishRetired(retired);
        }
        try (DirectoryStream<Path> namespaces = Files.newDirectoryStream(state, Files::isDirectory)) {
            for (Path nsDir : namespaces) {
                if (nsDir.getFileName().toString().equals(Bundle.RETIRED)) {
                    continue;
                }
                try (DirectoryStream<Path> bundles = Files.newDirectoryStream(nsDir, Files::isDirectory)) {
                    for (Path path : bundles) {
                        load(new Bundle(nsDir.getFileName().toString(), path.getFileName().toString(), path));
                    }
                }
            }
        }
    }

    /** A previous daemon deleted this task but stopped before its shim was told to exit: tell it now. */
    private void finishRetired(Bundle.Retired retired) {
        try {
            String address = Files.readString(retired.file("address"), StandardCharsets.UTF_8).strip();
            try (ShimConnection shim = new ShimConnection(TtrpcClient.connect(socketPath(address)))) {
                shim.call("Shutdown", ShutdownRequest.newBuilder().setId(retired.id()).build(), Empty.parser(),
                        timeouts.shutdown());
            }
        } catch (IOException | RuntimeException e) {
            // no address, the shim is gone already, or it hung up as it exited: nothing more to ask
            LOG.log(Level.DEBUG, "shutdown of retired shim " + retired.path() + ": " + e.getMessage());
        }
        deleteRetired(retired);
    }

    private void load(Bundle bundle) {
        Key key = new Key(bundle.namespace(), bundle.id());
        Path binaryFile = bundle.file(BINARY_PATH_FILE);
        if (!Files.exists(binaryFile)) {
            // the shim never started: nothing runs that could need a delete
            deleteBundle(bundle);
            return;
        }
        ShimCommand command;
        try {
            command = command(Path.of(Files.readString(binaryFile, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read " + binaryFile + ": " + e.getMessage());
            return;
        }
        ShimLog log = null;
        ShimTask task = null;
        try {
            String address = Files.readString(bundle.file("address"), StandardCharsets.UTF_8).strip();
            log = ShimLog.open(sys, shimLogs, bundle.file("log"), System.err);
            ShimGroup group = ShimGroups.of(bundle.namespace(), readSpec(bundle));
            task = connect(key, bundle, group, command, log, address);
            task.connect();
            if (group != null) {
                groups.rejoin(group);
            }
            tasks.put(key, task);
            LOG.log(Level.INFO, "loaded task " + bundle.id() + " in namespace " + bundle.namespace());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "shim of task " + bundle.id() + " is gone, cleaning up: " + e.getMessage());
            if (task != null) {
                task.disconnect();
            } else if (log != null) {
                log.close();
            }
            try {
                command.delete(bundle, timeouts.cleanup());
            } catch (IOException | RuntimeException cleanup) {
                LOG.log(Level.WARNING, "failed to clean up task " + bundle.id() + ": " + cleanup.getMessage());
            }
            deleteBundle(bundle);
        }
    }

    private static byte[] readSpec(Bundle bundle) throws IOException {
        Path spec = bundle.file("config.json");
        return Files.exists(spec) ? Files.readAllBytes(spec) : new byte[0];
    }

    private ShimCommand command(Path binary) {
        return new ShimCommand(binary, grpcAddress, ttrpcAddress, PUBLISH_BINARY);
    }

    private static ErrdefsException wrap(String context, Exception e) {
        if (e instanceof UncheckedIOException u) {
            return wrap(context, u.getCause());
        }
        ErrorKind kind = ErrdefsException.find(e).map(ErrdefsException::kind).orElse(ErrorKind.UNKNOWN);
        return new ErrdefsException(kind, context + e.getMessage(), e);
    }
}
