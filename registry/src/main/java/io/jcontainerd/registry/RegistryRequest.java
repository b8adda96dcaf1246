package io.jcontainerd.registry;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.registry.auth.Authorizer;
import io.jcontainerd.registry.hosts.RegistryHost;
import io.jcontainerd.registry.http.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One registry request and its retries, as upstream's {@code request.doWithRetries}: a 401 is
 * answered through the host's authorizer and sent again, a HEAD of a manifest that gets 405 is sent
 * as GET, 408 and 429 are sent again; at most six responses. Redirects are followed here, at most
 * ten, each hop authorised for its own host (a blob redirected to a storage service does not carry
 * the registry's token there).
 */
final class RegistryRequest {
    private static final String NO_SUCH_HOST = "no such host";
    private static final String UNKNOWN_AUTHORITY = "x509: certificate signed by unknown authority"; // Debian ctr 1.6 (Go 1.19)
    private static final int MAX_RESPONSES = 6;
    private static final int MAX_REDIRECTS = 10;
    /** Headers java.net.http sets itself and refuses from callers; a hosts.toml cannot set them either. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private String method;
    private final RegistryHost host;
    private String path;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final List<String> scopes = new ArrayList<>();
    private HttpRequest.BodyPublisher body;
    /** How long to wait for the response's headers; null waits as long as the connection lives. */
    private Duration responseTimeout;

    RegistryRequest(String method, RegistryHost host, String path) {
        this.method = method;
        this.host = host;
        this.path = path;
    }

    RegistryRequest copy() {
        RegistryRequest c = new RegistryRequest(method, host, path);
        headers.forEach((k, v) -> c.headers.put(k, new ArrayList<>(v)));
        c.scopes.addAll(scopes);
        c.body = body;
        return c;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    RegistryHost host() {
        return host;
    }

    RegistryRequest method(String newMethod) {
        this.method = newMethod;
        return this;
    }

    RegistryRequest path(String newPath) {
        this.path = newPath;
        return this;
    }

    /** Appends {@code name=value} (already URL-safe) to the query. */
    RegistryRequest query(String name, String value) {
        path = path + (path.contains("?") ? "&" : "?") + name + "=" + value;
        return this;
    }

    /** Replaces a header's values. */
    RegistryRequest header(String name, String value) {
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        headers.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    RegistryRequest addHeaders(Map<String, List<String>> more) {
        more.forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return this;
    }

    RegistryRequest scopes(List<String> tokenScopes) {
        scopes.addAll(tokenScopes);
        return this;
    }

    /** Gives up on a server that sends no response headers within {@code timeout} (UNAVAILABLE, as a failed connection). */
    RegistryRequest responseTimeout(Duration timeout) {
        this.responseTimeout = timeout;
        return this;
    }

    RegistryRequest body(HttpRequest.BodyPublisher publisher) {
        this.body = publisher;
        return this;
    }

    URI uri() {
        try {
            return URI.create(host.scheme() + "://" + host.host() + path);
        } catch (IllegalArgumentException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "invalid request url " + host.scheme() + "://"
                    + host.host() + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return host.scheme() + "://" + host.host() + path;
    }

    /**
     * Sends the request, with retries, and returns the last response; the caller reads or closes its body.
     *
     * @throws ErrdefsException UNAVAILABLE when the endpoint cannot be reached, CANCELED when
     *     interrupted, or the authorizer's error when the registry rejected the credentials
     */
    HttpResponse<InputStream> send() {
        URI previous = null;
        String previousMethod = null;
        for (int responses = 1; ; responses++) {
            URI uri = uri();
            HttpResponse<InputStream> response = sendFollowingRedirects(uri);
            boolean repeated = uri.equals(previous) && method.equals(previousMethod);
            previous = uri;
            previousMethod = method;
            if (responses >= MAX_RESPONSES || !shouldRetry(response, repeated)) {
                return response;
            }
            Bodies.discard(response.body());
        }
    }

    private boolean shouldRetry(HttpResponse<InputStream> response, boolean repeated) {
        return switch (response.statusCode()) {
            case 401 -> {
                try {
                    yield host.authorizer().unauthorized(new Authorizer.Unauthorized(method, response.uri(),
                            response.headers().allValues("WWW-Authenticate"), repeated, scopes));
                } catch (ErrdefsException e) {
                    Bodies.discard(response.body());
                    throw e;
                }
            }
            // registries that never implemented HEAD for manifests
            case 405 -> {
                if (method.equals("HEAD") && path.contains("/manifests/")) {
                    method = "GET";
                    yield true;
                }
                yield false;
            }
            case 408, 429 -> true;
            default -> false;
        };
    }

    private HttpResponse<InputStream> sendFollowingRedirects(URI start) {
        URI uri = start;
        String hopMethod = method;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response = sendOnce(hopMethod, uri);
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            boolean redirect = (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    && location.isPresent();
            boolean bodyless = hopMethod.equals("GET") || hopMethod.equals("HEAD");
            if (!redirect || !(bodyless || status == 307 || status == 308)) {
                return response;
            }
            Bodies.discard(response.body());
            if (redirects + 1 >= MAX_REDIRECTS) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, failedRequest(hopMethod, start) + "stopped after " + MAX_REDIRECTS + " redirects");
            }
            try {
                uri = uri.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "invalid redirect location " + location.get() + ": " + e.getMessage(), e);
            }
        }
    }

    private HttpResponse<InputStream> sendOnce(String hopMethod, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(hopMethod, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (responseTimeout != null) {
            builder.timeout(responseTimeout);
        }
        headers.forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        try {
            host.authorizer().authorization(uri, scopes).ifPresent(a -> builder.setHeader("Authorization", a));
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to authorize: " + e.getMessage(), e);
        }
        try {
            return host.client().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, failedRequest(hopMethod, uri)
                    + (describe(e).equals(NO_SUCH_HOST) ? noSuchHost(uri) : describe(e)), e);
        } catch (UnresolvedAddressException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, failedRequest(hopMethod, uri)
                    + noSuchHost(uri), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrdefsException(ErrorKind.CANCELED, "request " + hopMethod + " " + uri + " interrupted", e);
        }
    }

    /** How Go's client reports a failed request: {@code failed to do request: Head "<url>": } (a {@code url.Error}). */
    private static String failedRequest(String method, URI uri) {
        return "failed to do request: " + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + uri + "\": ";
    }

    /** Go's resolver error, without the name server it asked. */
    private static String noSuchHost(URI uri) {
        return "dial tcp: lookup " + uri.getHost() + ": " + NO_SUCH_HOST;
    }

    /**
     * The most telling message in a chain of IO errors (java.net.http often wraps one without a
     * message); a server certificate no trusted CA issued reads as Debian ctr 1.6 (Go 1.19) says it.
     */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException) {
                return UNKNOWN_AUTHORITY;
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException) {
                return NO_SUCH_HOST;
            }
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
