package io.jcontainerd.registry.http;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.net.URI;

/**
 * A registry or token server answered with a status the operation did not expect. The error's
 * kind follows the status (404 NOT_FOUND, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, otherwise
 * UNKNOWN), and the message names request and status and carries the registry's error body.
 */
public final class UnexpectedStatus {
    private UnexpectedStatus() {
    }

    /** {@return an error reading "unexpected status from GET request to …: 500 Internal Server Error[, server message: …]"} */
    public static ErrdefsException error(String method, URI uri, int status, byte[] body) {
        return new ErrdefsException(kindOf(status), "unexpected status from " + method + " request to " + uri + ": "
                + StatusText.status(status) + serverMessage(body));
    }

    /** {@return ", server message: …" when the body is a registry error document, else ""} */
    public static String serverMessage(byte[] body) {
        return RegistryErrorBody.describe(body).map(m -> ", server message: " + m).orElse("");
    }

    public static ErrorKind kindOf(int status) {
        return switch (status) {
            case 404 -> ErrorKind.NOT_FOUND;
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.PERMISSION_DENIED;
            default -> ErrorKind.UNKNOWN;
        };
    }
}
