package io.jcontainerd.shim;

import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.ttrpc.TtrpcServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM side of {@code containerd-shim-jrunc-v2}: {@code serve}, the long-running shim of one
 * group of containers, on {@code -socket}. The launcher script answers containerd's {@code start}
 * (it finds the group's live shim, or starts this) and {@code delete} itself, without a JVM: both
 * run once per container.
 */
public final class ShimMain {
    private static final System.Logger LOG = System.getLogger(ShimMain.class.getName());

    private ShimMain() {
    }

    public static void main(String[] args) throws Exception {
        ShimFlags flags = ShimFlags.parse(args);
        switch (flags.action()) {
            case "serve" -> serve(flags);
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
        ShimContext shim = new ShimContext(flags.namespace(), sys, reaper, new Mounter(sys), events, new ReadableWatch(sys));
        Path socket = Path.of(flags.socket());
        TtrpcServer server = new TtrpcServer();
        CountDownLatch done = new CountDownLatch(1);
        // the lifetime needs the service and the service reports to the lifetime
        ShimLifetime[] lifetime = new ShimLifetime[1];
        TaskService tasks = new TaskService(shim, Path.of("/sys/fs/cgroup"), () -> lifetime[0].idle());
        lifetime[0] = new ShimLifetime(sys, socket, ShimLifetime.lingerFromEnvironment(), tasks::closeIfIdle,
                // let the last Shutdown's answer go out first
                () -> Thread.ofPlatform().start(() -> {
                    pause();
                    done.countDown();
                }));
        Path pidFile = lifetime[0].pidFile();
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

    private static Path socketPath(String address) {
        return Path.of(address.startsWith("unix://") ? address.substring("unix://".length()) : address);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
