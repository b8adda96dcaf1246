package io.jcontainerd.ctr.commands.containers;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.jcontainerd.core.types.TypedValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code --runtime-config-path} for a runtime other than runc v2: containerd's
 * {@code runtimeoptions.v1.Options} message with its {@code config_path} (field 2).
 */
final class RuntimeConfigOptions {
    static final String TYPE = "runtimeoptions.v1.Options";

    private RuntimeConfigOptions() {
    }

    static TypedValue of(String configPath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeBytes(2, ByteString.copyFromUtf8(configPath));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TypedValue(TYPE, bytes.toByteArray());
    }
}
