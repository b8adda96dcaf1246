package io.jcontainerd.registry;

import io.jcontainerd.image.reference.ReferenceSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code containerd.io/distribution.source.<registry>} label: the repositories of a registry a
 * blob is known to be in (comma-separated, sorted). A pull records it; a push to another repository
 * of the same registry mounts the blob from the candidate sharing the longest path prefix.
 */
public final class DistributionSource {
    public static final String LABEL_PREFIX = "containerd.io/distribution.source.";

    private DistributionSource() {
    }

    /** {@return the label key for the registry of {@code spec}: its host name without port} */
    public static String labelKey(ReferenceSpec spec) {
        return LABEL_PREFIX + hostnameOf(spec.hostname());
    }

    /** {@return {@code existing} (a label value, maybe "") with {@code spec}'s repository added, sorted and without duplicates} */
    public static String append(String existing, ReferenceSpec spec) {
        TreeSet<String> repos = new TreeSet<>();
        if (!existing.isEmpty()) {
            repos.addAll(Arrays.asList(existing.split(",")));
        }
        repos.add(spec.repository());
        repos.remove("");
        return String.join(",", repos);
    }

    /**
     * {@return the repository to mount a blob from when pushing to {@code target}: among the sources
     * its annotations name for that registry, the one sharing the most leading path components
     * (the last such on ties, as upstream), never the target itself; "" when there is none}
     */
    public static String mountCandidate(ReferenceSpec target, Map<String, String> annotations) {
        String sources = annotations.getOrDefault(labelKey(target), "");
        if (sources.isEmpty()) {
            return "";
        }
        String repository = target.repository();
        String[] components = repository.split("/");
        int best = 0;
        String match = "";
        for (String candidate : sources.split(",")) {
            if (candidate.equals(repository) || candidate.isEmpty()) {
                continue;
            }
            int common = commonPrefix(components, candidate.split("/"));
            if (common >= best) {
                best = common;
                match = candidate;
            }
        }
        return match;
    }

    private static int commonPrefix(String[] a, String[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        return i;
    }

    /** Go's {@code URL.Hostname()}: without the port, and without an IPv6 literal's brackets. */
    static String hostnameOf(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : host.substring(1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
