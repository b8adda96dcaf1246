package io.jcontainerd.registry;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.auth.DockerAuthorizer;
import io.jcontainerd.registry.hosts.HostCapability;
import io.jcontainerd.registry.hosts.RegistryHost;
import io.jcontainerd.registry.http.Bodies;
import io.jcontainerd.registry.http.UnexpectedStatus;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

/**
 * Pushes to the first endpoint that may push, as upstream's {@code dockerPusher}: HEAD first (a
 * blob or manifest the registry has is not uploaded), then a manifest is PUT; a blob is started with
 * POST (with {@code mount=&from=} when a distribution source names another repository; a refused
 * mount falls back to a plain upload), then sent in one PUT or, above the chunk size, in PATCH
 * chunks closed by an empty PUT, each to the Location the previous answer gave. The registry's
 * {@code Docker-Content-Digest} must match the descriptor.
 */
final class DockerPusher implements Pusher {
    private final RegistryBase base;
    private final long chunkSize;

    DockerPusher(RegistryBase base, long chunkSize) {
        this.base = base;
        this.chunkSize = chunkSize;
    }

    @Override
    public PushStatus push(ImageDescriptor descriptor, BlobSource source) {
        return push(descriptor, source, descriptor.digest().toString());
    }

    @Override
    public PushStatus pushTagged(ImageDescriptor descriptor, BlobSource source) {
        return push(descriptor, source, manifestName(base.spec(), descriptor.digest()));
    }

    /** Upstream's {@code getManifestPath}: the reference's tag, unless it pins another digest or has none. */
    static String manifestName(ReferenceSpec spec, Digest digest) {
        String object = spec.object();
        int at = object.indexOf('@');
        if (at >= 0) {
            object = object.substring(at + 1).equals(digest.toString()) ? object.substring(0, at) : "";
        }
        return object.isEmpty() ? digest.toString() : object;
    }

    private PushStatus push(ImageDescriptor descriptor, BlobSource source, String manifestName) {
        List<RegistryHost> hosts = base.hostsWith(EnumSet.of(HostCapability.PUSH));
        if (hosts.isEmpty()) {
            throw Errdefs.notFound("no push hosts");
        }
        RegistryHost host = hosts.getFirst();
        List<String> scopes = List.of(base.spec().repositoryScope(true));
        boolean manifest = ManifestTypes.isManifest(descriptor.mediaType());
        String[] existPath = manifest ? new String[] {"manifests", manifestName} : new String[] {"blobs", descriptor.digest().toString()};
        if (exists(host, descriptor, existPath, scopes)) {
            return PushStatus.EXISTS;
        }
        if (manifest) {
            RegistryRequest put = base.request(host, "PUT", existPath).scopes(scopes)
                    .header("Content-Type", descriptor.mediaType())
                    .body(streamed(source, descriptor.size()));
            finish(put, descriptor);
            return PushStatus.PUSHED;
        }
        return pushBlob(host, descriptor, source, scopes);
    }

    private boolean exists(RegistryHost host, ImageDescriptor descriptor, String[] path, List<String> scopes) {
        RegistryRequest head = base.request(host, "HEAD", path).scopes(scopes)
                .header("Accept", descriptor.mediaType().isEmpty() ? "*/*" : descriptor.mediaType() + ", */*");
        HttpResponse<InputStream> response;
        try {
            response = head.send();
        } catch (ErrdefsException e) {
            if (DockerAuthorizer.isInvalidAuthorization(e)) {
                // may not read, may still write: go on with the push, as upstream
                return false;
            }
            throw e;
        }
        Bodies.discard(response.body());
        int status = response.statusCode();
        if (status == 200) {
            boolean byTag = !path[1].equals(descriptor.digest().toString());
            return !byTag || response.headers().firstValue("Docker-Content-Digest").orElse("").equals(descriptor.digest().toString());
        }
        if (status != 404) {
            throw UnexpectedStatus.error("HEAD", head.uri(), status, new byte[0]);
        }
        return false;
    }

    private PushStatus pushBlob(RegistryHost host, ImageDescriptor descriptor, BlobSource source, List<String> scopes) {
        RegistryRequest start = base.request(host, "POST", "blobs", "uploads/").scopes(scopes);
        String from = DistributionSource.mountCandidate(base.spec(), descriptor.annotations());
        HttpResponse<InputStream> response = null;
        if (!from.isEmpty()) {
            RegistryRequest mount = start.copy()
                    .query("mount", URLEncoder.encode(descriptor.digest().toString(), StandardCharsets.UTF_8))
                    .query("from", URLEncoder.encode(from, StandardCharsets.UTF_8))
                    .scopes(List.of("repository:" + from + ":pull"));
            response = mount.send();
            if (response.statusCode() == 401) {
                // the source repository is private to us: upload instead
                Bodies.discard(response.body());
                response = null;
            }
        }
        if (response == null) {
            response = start.send();
        }
        int status = response.statusCode();
        switch (status) {
            case 200, 202, 204 -> Bodies.discard(response.body());
            case 201 -> {
                Bodies.discard(response.body());
                return from.isEmpty() ? PushStatus.EXISTS : PushStatus.MOUNTED;
            }
            default -> throw unexpected(start, response);
        }
        RegistryRequest upload = uploadRequest(host, response, "PUT");
        if (chunkSize > 0 && descriptor.size() > chunkSize) {
            upload = sendChunks(host, upload, descriptor, source);
        } else {
            upload.body(streamed(source, descriptor.size()));
        }
        upload.query("digest", URLEncoder.encode(descriptor.digest().toString(), StandardCharsets.UTF_8));
        finish(upload, descriptor);
        return PushStatus.PUSHED;
    }

    /** PATCHes the blob in chunks; returns the closing PUT to the last Location. */
    private RegistryRequest sendChunks(RegistryHost host, RegistryRequest first, ImageDescriptor descriptor, BlobSource source) {
        RegistryRequest next = first;
        byte[] chunk = new byte[(int) chunkSize];
        long offset = 0;
        try (InputStream in = source.open()) {
            while (true) {
                int n = in.readNBytes(chunk, 0, chunk.length);
                if (n == 0) {
                    break;
                }
                RegistryRequest patch = next.copy();
                patch.method("PATCH").header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + n - 1))
                        .body(HttpRequest.BodyPublishers.ofByteArray(chunk, 0, n));
                HttpResponse<InputStream> response = patch.send();
                if (response.statusCode() != 202) {
                    throw unexpected(patch, response);
                }
                Bodies.discard(response.body());
                offset += n;
                next = uploadRequest(host, response, "PUT");
            }
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "failed to read " + descriptor.digest() + " for push: " + e.getMessage(), e);
        }
        if (offset != descriptor.size()) {
            throw Errdefs.failedPrecondition("unexpected size " + offset + ", expected " + descriptor.size());
        }
        return next.header("Content-Type", "application/octet-stream").body(HttpRequest.BodyPublishers.noBody());
    }

    /** The request to an upload's Location: a path on the same endpoint, or another host (which gets no credentials). */
    private RegistryRequest uploadRequest(RegistryHost host, HttpResponse<InputStream> response, String method) {
        String location = response.headers().firstValue("Location").orElse("");
        if (location.isEmpty()) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "upload response from " + host.host() + " has no Location");
        }
        RegistryHost target = host;
        String path;
        if (location.startsWith("/")) {
            path = location;
        } else {
            URI uri;
            try {
                uri = URI.create(location.contains("://") ? location : host.scheme() + "://" + location);
            } catch (IllegalArgumentException e) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "unable to parse location " + location + ": " + e.getMessage(), e);
            }
            if (uri.getRawAuthority() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "unable to parse location " + location);
            }
            if (!uri.getRawAuthority().equals(host.host()) || !uri.getScheme().equals(host.scheme())) {
                target = host.movedTo(uri.getScheme(), uri.getRawAuthority());
            }
            path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return base.requestAt(target, method, path).scopes(List.of(base.spec().repositoryScope(true)))
                .header("Content-Type", "application/octet-stream");
    }

    /** Sends the request that completes a push and checks the digest the registry reports. */
    private static void finish(RegistryRequest request, ImageDescriptor descriptor) {
        HttpResponse<InputStream> response = request.send();
        int status = response.statusCode();
        if (status != 200 && status != 201 && status != 202 && status != 204) {
            throw unexpected(request, response);
        }
        Bodies.discard(response.body());
        String reported = response.headers().firstValue("Docker-Content-Digest").orElse("");
        Digest actual;
        try {
            actual = Digest.parse(reported);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "invalid content digest in response: " + e.getMessage(), e);
        }
        if (!actual.equals(descriptor.digest())) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "got digest " + actual + ", expected " + descriptor.digest());
        }
    }

    /** The source's bytes with a Content-Length of the descriptor's size; opened again for each attempt. */
    private static HttpRequest.BodyPublisher streamed(BlobSource source, long size) {
        if (size <= 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return source.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(stream, size);
    }

    private static ErrdefsException unexpected(RegistryRequest request, HttpResponse<InputStream> response) {
        byte[] body;
        try {
            body = Bodies.readAtMost(response.body(), Bodies.SMALL_BODY_LIMIT);
        } catch (IOException e) {
            body = new byte[0];
        }
        return UnexpectedStatus.error(request.method(), request.uri(), response.statusCode(), body);
    }
}
