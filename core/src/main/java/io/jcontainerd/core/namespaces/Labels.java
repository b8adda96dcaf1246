package io.jcontainerd.core.namespaces;

import io.jcontainerd.core.errdefs.Errdefs;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** containerd's label limit: key and value together at most 4096 bytes. */
public final class Labels {
    public static final int MAX_SIZE = 4096;

    private Labels() {
    }

    public static void validate(String key, String value) {
        int size = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SIZE) {
            String shown = key.length() > 10 ? key.substring(0, 10) : key;
            throw Errdefs.invalidArgument("label key and value greater than maximum size (" + MAX_SIZE
                    + " bytes), key: " + shown);
        }
    }

    public static void validate(Map<String, String> labels) {
        labels.forEach(Labels::validate);
    }
}
