package io.jcontainerd.registry;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.auth.DockerAuthorizer;
import io.jcontainerd.registry.hosts.HostCapability;
import io.jcontainerd.registry.hosts.RegistryHost;
import io.jcontainerd.registry.hosts.RegistryHosts;
import io.jcontainerd.registry.http.Bodies;
import io.jcontainerd.registry.http.StatusText;
import io.jcontainerd.registry.http.UnexpectedStatus;
import io.jcontainerd.image.reference.ReferenceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves references against Docker/OCI registries, as upstream's {@code dockerResolver}. A tag
 * is asked of the endpoints that may resolve, a digest of those that may pull (first under
 * {@code /manifests/}, then under {@code /blobs/}); each endpoint is tried in order until one has
 * it. The registry's {@code Docker-Content-Digest} and {@code Content-Length} are trusted for a
 * tag; without them the manifest is fetched and digested, but never past
 * {@link #MAX_MANIFEST_SIZE}.
 */
public final class DockerResolver implements Resolver {
    /**
     * The largest manifest resolve accepts, upstream's figure (4 * 1048 * 1048, sic): far above a
     * real manifest (128 layers take about 32 KiB), and small enough to hold in memory.
     */
    public static final long MAX_MANIFEST_SIZE = 4L * 1048 * 1048;

    private final RegistryHosts hosts;
    private final ResolverOptions options;

    public DockerResolver(RegistryHosts hosts, ResolverOptions options) {
        this.hosts = hosts;
        this.options = options;
    }

    public DockerResolver(RegistryHosts hosts) {
        this(hosts, ResolverOptions.defaults());
    }

    @Override
    public Resolved resolve(String reference) {
        RegistryBase base = base(reference);
        ReferenceSpec spec = base.spec();
        if (spec.object().isEmpty()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, ReferenceSpec.OBJECT_REQUIRED);
        }
        Digest digest = spec.digest().isEmpty() ? null : Digest.parse(spec.digest());
        List<List<String>> paths;
        Set<HostCapability> needed;
        if (digest != null) {
            paths = List.of(List.of("manifests", digest.toString()), List.of("blobs", digest.toString()));
            needed = EnumSet.of(HostCapability.PULL);
        } else {
            paths = List.of(List.of("manifests", spec.object()));
            needed = EnumSet.of(HostCapability.PULL, HostCapability.RESOLVE);
        }
        List<RegistryHost> candidates = base.hostsWith(needed);
        if (candidates.isEmpty()) {
            throw Errdefs.notFound("no resolve hosts");
        }
        List<String> scopes = List.of(spec.repositoryScope(false));
        ErrdefsException firstError = null;
        for (List<String> path : paths) {
            for (RegistryHost host : candidates) {
                try {
                    Attempt attempt = tryHost(base, host, path, digest, scopes, reference);
                    if (attempt.resolved != null) {
                        return attempt.resolved;
                    }
                    if (firstError == null) {
                        firstError = attempt.error;
                    }
                } catch (ErrdefsException e) {
                    if (firstError == null) {
                        firstError = DockerAuthorizer.isInvalidAuthorization(e)
                                ? new ErrdefsException(e.kind(), "pull access denied, repository does not exist or may "
                                        + "require authorization: " + e.getMessage(), e)
                                : e;
                    }
                }
            }
        }
        throw firstError != null ? firstError : Errdefs.notFound(reference);
    }

    /** The outcome at one endpoint: resolved, or an error to remember (null for a plain 404) and go on. */
    private record Attempt(Resolved resolved, ErrdefsException error) {
    }

    private Attempt tryHost(RegistryBase base, RegistryHost host, List<String> path, Digest digest, List<String> scopes,
                            String reference) {
        String[] parts = path.toArray(String[]::new);
        RegistryRequest head = base.request(host, "HEAD", parts).scopes(scopes).header("Accept", ManifestTypes.RESOLVE_ACCEPT);
        HttpResponse<InputStream> response = head.send();
        Bodies.discard(response.body());
        Attempt failed = judge(response, host, path);
        if (failed != null) {
            return failed;
        }
        long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        String mediaType = ManifestTypes.declared(response);
        Digest resolved = digest;
        if (resolved == null && size != -1) {
            String header = response.headers().firstValue("Docker-Content-Digest").orElse("");
            if (!header.isEmpty()) {
                try {
                    resolved = Digest.parse(header);
                } catch (ErrdefsException e) {
                    throw new ErrdefsException(ErrorKind.UNKNOWN, Errdefs.quote(header) + " in header not a valid digest: "
                            + e.getMessage(), e);
                }
            }
        }
        if (resolved == null || size == -1) {
            // no digest or size from HEAD: read the manifest itself, digesting it without keeping it
            RegistryRequest get = base.request(host, "GET", parts).scopes(scopes).header("Accept", ManifestTypes.RESOLVE_ACCEPT);
            HttpResponse<InputStream> body = get.send();
            failed = judge(body, host, path);
            if (failed != null) {
                Bodies.discard(body.body());
                return failed;
            }
            mediaType = ManifestTypes.declared(body);
            MessageDigest hasher = (resolved == null ? DigestAlgorithm.CANONICAL : resolved.algorithm()).newMessageDigest();
            size = digestAtMost(body.body(), hasher, MAX_MANIFEST_SIZE + 1, get);
            if (resolved == null) {
                resolved = Digest.of(DigestAlgorithm.CANONICAL, hasher.digest());
            }
        }
        if (size > MAX_MANIFEST_SIZE) {
            return new Attempt(null, Errdefs.notFound("rejecting " + size + " byte manifest for " + reference));
        }
        return new Attempt(new Resolved(reference, ImageDescriptor.of(mediaType, resolved, size)), null);
    }

    /** Null when the response is a success; else the attempt to record (a 404 records nothing). */
    private static Attempt judge(HttpResponse<InputStream> response, RegistryHost host, List<String> path) {
        int status = response.statusCode();
        if (status <= 299) {
            return null;
        }
        if (status == 404) {
            return new Attempt(null, null);
        }
        String what = "pulling from host " + host.host() + " failed with ";
        if (status > 399) {
            return new Attempt(null, new ErrdefsException(UnexpectedStatus.kindOf(status),
                    what + "status code " + goList(path) + ": " + StatusText.status(status)));
        }
        throw new ErrdefsException(ErrorKind.UNKNOWN, what + "unexpected status code " + goList(path) + ": " + StatusText.status(status));
    }

    /** A path as Go's %v prints a string slice, e.g. {@code [manifests latest]}. */
    private static String goList(List<String> path) {
        return "[" + String.join(" ", path) + "]";
    }

    /** Digests up to {@code limit} bytes of the body and returns how many there were (more only as far as the limit). */
    private static long digestAtMost(InputStream body, MessageDigest hasher, long limit, RegistryRequest request) {
        long total = 0;
        byte[] buffer = new byte[8192];
        try (body) {
            int n;
            while (total < limit && (n = body.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
                hasher.update(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.UNAVAILABLE, "failed to read manifest from " + request + ": "
                    + RegistryRequest.describe(e), e);
        }
        return total;
    }

    @Override
    public Fetcher fetcher(String reference) {
        return new DockerFetcher(base(reference), options.stallTimeout());
    }

    @Override
    public Pusher pusher(String reference) {
        return new DockerPusher(base(reference), options.chunkSize());
    }

    private RegistryBase base(String reference) {
        ReferenceSpec spec = ReferenceSpec.parse(reference);
        return new RegistryBase(spec, hosts.hosts(spec.hostname()), options.headers());
    }
}
