package io.jcontainerd.plugins.runtime.v2;

import containerd.task.v2.Shim.DeleteResponse;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.types.TypedValue;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shim binary's subcommands as containerd 1.6 runs them: {@code <shim> -namespace <ns>
 * -address <grpc socket> -publish-binary <daemon> <args>} in the bundle directory, with
 * {@code TTRPC_ADDRESS} (where the shim publishes its events) and {@code GOMAXPROCS=2} added to our
 * environment.
 *
 * @param publishBinary what shims would run to publish events if they had no TTRPC_ADDRESS;
 *     runc-v2 1.6 always publishes over ttrpc
 */
record ShimCommand(Path binary, String grpcAddress, String ttrpcAddress, String publishBinary) {

    /**
     * Runs {@code start}: the shim forks its long-lived server and prints the socket address.
     *
     * @param options runtime options, sent on stdin as a serialized {@code Any}; null for none
     * @return the address, e.g. {@code unix:///run/containerd/s/<hash>}
     */
    String start(Bundle bundle, boolean debug, TypedValue options) throws IOException {
        List<String> args = new ArrayList<>(List.of("-id", bundle.id()));
        if (debug) {
            args.add("-debug");
        }
        args.add("start");
        byte[] stdin = options == null ? new byte[0] : Any.newBuilder().setTypeUrl(options.typeUrl())
                .setValue(ByteString.copyFrom(options.value())).build().toByteArray();
        Output out = run(bundle, args, stdin, true, null);
        if (out.exitCode() != 0) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, out.text() + ": exit status " + out.exitCode());
        }
        return out.text().strip();
    }

    /** Runs {@code delete}, which cleans up after a shim that is gone (kills and deletes the container with runc). */
    DeleteResponse delete(Bundle bundle, Duration timeout) throws IOException {
        Output out = run(bundle, List.of("-id", bundle.id(), "-bundle", bundle.path().toString(), "delete"),
                new byte[0], false, timeout);
        if (out.exitCode() != 0) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, new String(out.stderr(), StandardCharsets.UTF_8)
                    + ": exit status " + out.exitCode());
        }
        return DeleteResponse.parseFrom(out.stdout());
    }

    private record Output(int exitCode, byte[] stdout, byte[] stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8) + new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private Output run(Bundle bundle, List<String> args, byte[] stdin, boolean mergeStderr, Duration timeout)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-namespace", bundle.namespace(),
                "-address", grpcAddress, "-publish-binary", publishBinary));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(bundle.path().toFile())
                .redirectErrorStream(mergeStderr);
        builder.environment().put("GOMAXPROCS", "2");
        builder.environment().put("TTRPC_ADDRESS", ttrpcAddress);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // a shim need not read it: runc-v2's start that hands the task to its group's running
            // shim exits unread, and Go's exec ignores the broken pipe too; the exit status tells
        }
        CompletableFuture<byte[]> stderr = mergeStderr ? CompletableFuture.completedFuture(new byte[0])
                : CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()), Thread::startVirtualThread);
        try {
            byte[] stdout = process.getInputStream().readAllBytes();
            if (timeout != null && !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ErrdefsException(ErrorKind.DEADLINE_EXCEEDED, "shim " + args.getLast() + ": context deadline exceeded");
            }
            return new Output(process.waitFor(), stdout, stderr.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted running shim " + args.getLast());
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
