package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a runtime name to its shim binary as containerd does: an absolute path is the binary
 * itself; {@code io.containerd.runc.v2} is {@code containerd-shim-runc-v2}, looked up on PATH.
 * Found paths are remembered, like upstream's cache.
 */
final class ShimBinaries {
    private final String searchPath;
    private final Map<String, Path> resolved = new ConcurrentHashMap<>();

    ShimBinaries(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** {@return containerd-shim-{@code <name>}-{@code <version>} for {@code a.b.name.version}, or empty when the name has fewer than two parts} */
    static String binaryName(String runtime) {
        String[] parts = runtime.split("\\.", -1);
        if (parts.length < 2) {
            return "";
        }
        return "containerd-shim-" + parts[parts.length - 2] + "-" + parts[parts.length - 1];
    }

    Path resolve(String runtime) {
        if (runtime.isEmpty()) {
            throw unknown("no runtime name");
        }
        if (runtime.startsWith("/")) {
            Path custom = Path.of(runtime);
            if (!Files.exists(custom)) {
                throw unknown("invalid custom binary path: stat " + runtime + ": no such file or directory");
            }
            return custom;
        }
        String name = binaryName(runtime);
        if (name.isEmpty()) {
            throw unknown("invalid runtime name " + runtime
                    + ", correct runtime name should be either format like `io.containerd.runc.v1` or a full path to the binary");
        }
        Path cached = resolved.get(name);
        if (cached != null) {
            return cached;
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                resolved.put(name, candidate);
                return candidate;
            }
        }
        throw unknown("runtime " + Errdefs.quote(runtime)
                + " binary not installed " + Errdefs.quote(name) + ": file does not exist");
    }

    // upstream's errors here are plain (not errdefs classes), so clients see Unknown
    private static ErrdefsException unknown(String message) {
        return new ErrdefsException(ErrorKind.UNKNOWN, "failed to resolve runtime path: " + message);
    }
}
