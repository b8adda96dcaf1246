package io.jcontainerd.registry;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.hosts.HostCapability;
import io.jcontainerd.registry.hosts.RegistryHost;
import io.jcontainerd.registry.http.Bodies;
import io.jcontainerd.registry.http.RegistryErrorBody;
import io.jcontainerd.registry.http.StatusText;
import io.jcontainerd.registry.http.UnexpectedStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Fetches by digest from the endpoints that may pull, in order, as upstream's {@code dockerFetcher}:
 * manifest types from {@code /manifests/}, everything else from {@code /blobs/}. A fetch from an
 * offset asks for {@code Range: bytes=<offset>-}; a server that ignores it has the skipped bytes
 * read and dropped, one that answers another range is an error. Foreign-layer {@code urls} are not
 * followed.
 */
final class DockerFetcher implements Fetcher {
    private final RegistryBase base;
    private final Duration stallTimeout;

    DockerFetcher(RegistryBase base, Duration stallTimeout) {
        this.base = base;
        this.stallTimeout = stallTimeout;
    }

    @Override
    public InputStream fetch(ImageDescriptor descriptor, long offset) {
        if (offset < 0) {
            throw Errdefs.invalidArgument("negative offset " + offset);
        }
        List<RegistryHost> hosts = base.hostsWith(EnumSet.of(HostCapability.PULL));
        if (hosts.isEmpty()) {
            throw Errdefs.notFound("no pull hosts");
        }
        long size = descriptor.size() > 0 ? descriptor.size() : -1;
        InputStream first = size >= 0 && offset >= size ? InputStream.nullInputStream() : open(hosts, descriptor, offset);
        return new ResumingInputStream(size, offset, first, at -> open(hosts, descriptor, at), stallTimeout);
    }

    private InputStream open(List<RegistryHost> hosts, ImageDescriptor descriptor, long offset) {
        String endpoint = ManifestTypes.isManifest(descriptor.mediaType()) ? "manifests" : "blobs";
        List<String> scopes = List.of(base.spec().repositoryScope(false));
        ErrdefsException firstError = null;
        for (RegistryHost host : hosts) {
            RegistryRequest request = base.request(host, "GET", endpoint, descriptor.digest().toString()).scopes(scopes)
                    .responseTimeout(stallTimeout);
            try {
                return open(request, descriptor.mediaType(), offset);
            } catch (ErrdefsException e) {
                if (firstError == null) {
                    firstError = e;
                }
            }
        }
        if (endpoint.equals("blobs") && firstError.is(ErrorKind.NOT_FOUND)) {
            throw Errdefs.notFound("could not fetch content descriptor " + descriptor.digest() + " ("
                    + descriptor.mediaType() + ") from remote");
        }
        throw firstError;
    }

    private static InputStream open(RegistryRequest request, String mediaType, long offset) {
        request.header("Accept", mediaType.isEmpty() ? "*/*" : mediaType + ", */*");
        if (offset > 0) {
            // Accept-Ranges cannot be trusted: what Content-Range says decides
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response = request.send();
        int status = response.statusCode();
        if (status > 299) {
            byte[] body = readQuietly(response.body());
            if (status == 404) {
                throw Errdefs.notFound("content at " + request + " not found");
            }
            String message = "unexpected status code " + request + ": " + StatusText.status(status)
                    + RegistryErrorBody.describe(body).map(m -> " - Server message: " + m).orElse("");
            throw new ErrdefsException(UnexpectedStatus.kindOf(status), message);
        }
        if (offset > 0) {
            var range = response.headers().firstValue("Content-Range");
            if (range.isPresent()) {
                if (!range.get().startsWith("bytes " + offset + "-")) {
                    Bodies.discard(response.body());
                    throw new ErrdefsException(ErrorKind.UNKNOWN, "unhandled content range in response: " + range.get());
                }
            } else {
                skip(response.body(), offset, request);
            }
        }
        return response.body();
    }

    private static void skip(InputStream body, long offset, RegistryRequest request) {
        try {
            long skipped = body.skip(offset);
            while (skipped < offset && body.read() >= 0) {
                skipped++;
                skipped += body.skip(offset - skipped);
            }
            if (skipped < offset) {
                throw new ErrdefsException(ErrorKind.UNKNOWN, "unable to discard to offset " + offset + " from " + request);
            }
        } catch (IOException e) {
            Bodies.discard(body);
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, "failed to discard to offset: " + RegistryRequest.describe(e), e);
        }
    }

    private static byte[] readQuietly(InputStream body) {
        try {
            return Bodies.readAtMost(body, Bodies.SMALL_BODY_LIMIT);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
