package io.jcontainerd.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The OCI distribution error body, {@code {"errors":[{"code":"BLOB_UNKNOWN","message":"…","detail":…}]}},
 * rendered as containerd renders it: the code in lowercase words, then the message
 * ({@code blob unknown: blob unknown to registry}).
 */
public final class RegistryErrorBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrorBody() {
    }

    /** {@return the errors in the body, joined with "; ", or empty when it is no such document} */
    public static Optional<String> describe(byte[] body) {
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!errors.isArray() || errors.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            String code = error.path("code").asText("UNKNOWN").toLowerCase(Locale.ROOT).replace('_', ' ');
            String message = error.path("message").asText("");
            parts.add(message.isEmpty() ? code : code + ": " + message);
        }
        return Optional.of(String.join("; ", parts));
    }
}
