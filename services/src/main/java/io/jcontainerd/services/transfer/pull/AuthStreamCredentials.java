package io.jcontainerd.services.transfer.pull;

import containerd.types.transfer.Registry.AuthRequest;
import containerd.types.transfer.Registry.AuthResponse;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.streaming.Stream;
import io.jcontainerd.registry.auth.Credential;
import io.jcontainerd.registry.auth.Credentials;
import io.jcontainerd.services.grpc.AnyMessages;
import java.io.IOException;
import java.util.Optional;

/**
 * Credentials asked of the client on its auth stream, as upstream's transfer registry does: an
 * {@code AuthRequest{host, reference}} out, an {@code AuthResponse} back. One question at a time.
 * A {@code HEADER} answer is a ready Authorization value, sent to the registry as it is.
 */
final class AuthStreamCredentials implements Credentials {
    private final Stream stream;
    private final String reference;

    AuthStreamCredentials(Stream stream, String reference) {
        this.stream = stream;
        this.reference = reference;
    }

    @Override
    public synchronized Optional<Credential> forHost(String host) {
        AuthResponse response;
        try {
            stream.send(AnyMessages.packForStream(
                    AuthRequest.newBuilder().setHost(host).setReference(reference).build()));
            response = AnyMessages.unpack(stream.recv(), AuthResponse.getDefaultInstance());
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, "asking the client for credentials for " + host + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "context canceled", e);
        }
        return switch (response.getAuthType()) {
            case CREDENTIALS -> Optional.of(new Credential(response.getUsername(), response.getSecret()));
            case REFRESH -> Optional.of(new Credential("", response.getSecret()));
            // upstream's daemon drops these (a TODO there); here the value is sent as the Authorization header
            case HEADER -> Optional.of(Credential.header(response.getSecret()));
            case NONE, UNRECOGNIZED -> Optional.empty();
        };
    }
}
