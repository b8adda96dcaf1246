package io.jcontainerd.shim;

import containerd.task.v2.Shim.DeleteResponse;
import com.google.protobuf.Timestamp;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.ttrpc.TtrpcServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM side of {@code containerd-shim-jrunc-v2}. The launcher script answers {@code start}
 * itself (it finds or starts the group's shim without a JVM when one runs) and runs this for:
 * <ul>
 *   <li>{@code serve}: the long-running shim of one group, on {@code -socket};
 *   <li>{@code delete}: cleanup after a shim that died (run in the bundle, as containerd does):
 *       {@code runc delete --force}, the rootfs unmounted, a {@code DeleteResponse} on stdout.
 * </ul>
 */
public final class ShimMain {
    private static final System.Logger LOG = System.getLogger(ShimMain.class.getName());
    /** 128 + SIGKILL: what the Go shim reports for a task whose shim died. */
    private static final int KILLED = 137;

    private ShimMain() {
    }

    public static void main(String[] args) throws Exception {
        ShimFlags flags = ShimFlags.parse(args);
        switch (flags.action()) {
            case "serve" -> serve(flags);
            case "delete" -> delete(flags);
            default -> {
                System.err.println("containerd-shim-jrunc-v2: unknown action " + flags.action());
                System.exit(1);
            }
        }
    }

    private static void serve(ShimFlags flags) throws IOException, InterruptedException {
        Syscalls sys = new LinuxSyscalls();
        sys.setChildSubreaper();
        Reaper reaper = new Reaper(sys);
        String ttrpcAddress = System.getenv().getOrDefault("TTRPC_ADDRESS", flags.address() + ".ttrpc");
        EventForwarder events = new EventForwarder(socketPath(ttrpcAddress), flags.namespace());
        ShimContext shim = new ShimContext(flags.namespace(), sys, reaper, new Mounter(sys), events);
        Path socket = Path.of(flags.socket());
        Path pidFile = Path.of(flags.socket() + ".pid");
        TtrpcServer server = new TtrpcServer();
        CountDownLatch done = new CountDownLatch(1);
        TaskService tasks = new TaskService(shim, new CgroupV1Stats(Path.of("/sys/fs/cgroup")), () -> {
            // no new start may pick this shim any more; then let the Shutdown answer go out
            deleteQuietly(pidFile);
            deleteQuietly(socket);
            Thread.ofPlatform().start(() -> {
                pause();
                done.countDown();
            });
        });
        server.register(tasks.service());
        server.listen(socket);
        // the launcher takes the pid file as "ready": written whole, after the socket listens
        Path tmp = Path.of(pidFile + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.log(Level.INFO, "serving namespace " + flags.namespace() + " group " + flags.id() + " on " + socket);
        done.await();
        server.close();
        System.exit(0);
    }

    private static void delete(ShimFlags flags) throws IOException {
        Syscalls sys = new LinuxSyscalls();
        Path bundle = Path.of(flags.bundle().isEmpty() ? System.getProperty("user.dir") : flags.bundle());
        Runc runc = new Runc(sys, new Reaper(sys), Runc.resolve("runc"),
                new RuncOptions(Path.of("runc"), "").root(flags.namespace()), bundle);
        try {
            runc.run(null, "delete", "--force", flags.id());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "failed to remove runc container: " + e.getMessage());
        }
        try {
            new Mounter(sys).unmountAll(bundle.resolve("rootfs"));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "failed to cleanup rootfs mount: " + e.getMessage());
        }
        int pid = 0;
        try {
            pid = Runc.readPid(bundle.resolve("init.pid"));
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.WARNING, "failed to read init pid file: " + e.getMessage());
        }
        Instant now = Instant.now();
        DeleteResponse.newBuilder().setPid(pid).setExitStatus(KILLED)
                .setExitedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build().writeTo(System.out);
        System.out.flush();
    }

    private static Path socketPath(String address) {
        return Path.of(address.startsWith("unix://") ? address.substring("unix://".length()) : address);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "remove " + file + ": " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
