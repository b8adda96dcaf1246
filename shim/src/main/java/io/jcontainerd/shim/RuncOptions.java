package io.jcontainerd.shim;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import containerd.runc.v1.Oci.Options;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The runtime options a task is created with ({@code containerd.runc.v1.Options}, as for the
 * runc shim): which runc binary and which state root. Absent options mean runc on PATH and
 * {@code /run/containerd/runc/<namespace>}, the Go shim's defaults.
 */
record RuncOptions(Path binary, String root) {
    static final String TYPE_URL = "containerd.runc.v1.Options";
    private static final Path DEFAULT_ROOT = Path.of("/run/containerd/runc");

    static RuncOptions of(boolean present, Any any) throws IOException {
        Options options = Options.getDefaultInstance();
        if (present && any.getTypeUrl().endsWith(TYPE_URL)) {
            try {
                options = Options.parseFrom(any.getValue());
            } catch (InvalidProtocolBufferException e) {
                throw new IOException("runtime options: " + e.getMessage(), e);
            }
        }
        String binary = options.getBinaryName().isEmpty() ? "runc" : options.getBinaryName();
        return new RuncOptions(Runc.resolve(binary), options.getRoot());
    }

    /** {@return runc's state root for containers of {@code namespace}} */
    Path root(String namespace) {
        return (root.isEmpty() ? DEFAULT_ROOT : Path.of(root)).resolve(namespace);
    }
}
