package io.jcontainerd.shim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcontainerd.sys.ChildExit;
import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * runc for one container, as the Go shim runs it: {@code runc --root <root> --log
 * <bundle>/log.json --log-format json <command>}. Failures carry runc's last logged error, which
 * is what containerd users read ({@code OCI runtime create failed: runc create failed: ...}).
 */
final class Runc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int O_RDWR_CREAT_TRUNC = Linux.O_RDWR | Linux.O_CREAT | Linux.O_TRUNC | Linux.O_CLOEXEC;

    private final Syscalls sys;
    private final Reaper reaper;
    private final Path binary;
    private final Path root;
    private final Path bundle;

    Runc(Syscalls sys, Reaper reaper, Path binary, Path root, Path bundle) {
        this.sys = sys;
        this.reaper = reaper;
        this.binary = binary;
        this.root = root;
        this.bundle = bundle;
    }

    /** A runc run that failed; {@link #getMessage()} is runc's last logged error, else its output. */
    static final class RuncException extends IOException {
        RuncException(String message) {
            super(message);
        }
    }

    /**
     * Runs runc with {@code stdio} as descriptors 0..2 (the container's stdio for {@code create}
     * and {@code exec}; null for /dev/null and captured output).
     *
     * @return what runc printed (stdout and stderr) when they were captured
     * @throws RuncException when runc exits non-zero
     */
    String run(int[] stdio, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--root", root.toString(),
                "--log", bundle.resolve("log.json").toString(), "--log-format", "json"));
        argv.addAll(Arrays.asList(args));
        Path output = Files.createTempFile("runc-", ".out");
        int devNull = sys.open(RawPath.of(Path.of("/dev/null")), Linux.O_RDWR | Linux.O_CLOEXEC, 0);
        int out = -1;
        try {
            out = sys.open(RawPath.of(output), O_RDWR_CREAT_TRUNC, 0600);
            int[] fds = stdio != null ? stdio : new int[] {devNull, out, out};
            int pid = reaper.spawn(argv, environment(), bundle.toString(), fds);
            ChildExit exit = await(pid);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (exit.exitStatus() != 0) {
                throw new RuncException(lastError().orElse(text.isBlank()
                        ? argv.get(6) + ": exit status " + exit.exitStatus() : text.strip()));
            }
            return text;
        } finally {
            sys.close(devNull);
            if (out >= 0) {
                sys.close(out);
            }
            Files.deleteIfExists(output);
        }
    }

    private ChildExit await(int pid) throws InterruptedIOException {
        try {
            return reaper.exitOf(pid).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for runc");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static List<String> environment() {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        return env;
    }

    /** The {@code msg} of runc's last {@code error} line in log.json, as go-runc's shim reads it. */
    private java.util.Optional<String> lastError() {
        Path log = bundle.resolve("log.json");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String message = null;
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                if ("error".equals(entry.path("level").asText())) {
                    message = entry.path("msg").asText();
                }
            }
            return java.util.Optional.ofNullable(message);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@return the pid runc wrote to {@code pidFile}} */
    static int readPid(Path pidFile) throws IOException {
        return Integer.parseInt(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
    }

    /** {@return the pids {@code runc ps --format json} lists} */
    List<Integer> ps(String id) throws IOException {
        JsonNode pids = JSON.readTree(run(null, "ps", "--format", "json", id));
        List<Integer> list = new ArrayList<>();
        pids.forEach(p -> list.add(p.asInt()));
        return list;
    }

    /** {@return {@code name} as found on PATH (runc's default), or itself when absolute} */
    static Path resolve(String name) throws IOException {
        if (name.startsWith("/")) {
            return Path.of(name);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new SyscallException("exec", name, io.jcontainerd.sys.Errno.ENOENT);
    }

    Syscalls sys() {
        return sys;
    }
}
