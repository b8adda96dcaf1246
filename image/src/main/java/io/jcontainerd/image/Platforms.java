package io.jcontainerd.image;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.paths.GoPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Platform specifiers ({@code <os>|<arch>|<os>/<arch>[/<variant>]}), normalization and matchers,
 * as containerd 1.6's {@code platforms} package: {@link #parse} fills what the user left out from
 * the host, {@link #normalize} maps aliases (x86_64 → amd64, aarch64 → arm64, armhf → arm/v7,
 * armel → arm/v6, i386 → 386, macos → darwin), and {@link #only} also accepts the platforms a host
 * can run besides its own (amd64 runs 386, arm64 runs arm v8 down to v5).
 */
public final class Platforms {
    private static final Pattern SPECIFIER_COMPONENT = Pattern.compile("^[A-Za-z0-9_-]+$");

    /** Go's {@code syslist.go} operating systems, as upstream's {@code isKnownOS}. */
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd", "hurd",
            "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows", "zos");

    /** Go's {@code syslist.go} architectures, as upstream's {@code isKnownArch}. */
    private static final Set<String> KNOWN_ARCH = Set.of("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be",
            "ppc64", "ppc64le", "loong64", "mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc",
            "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm");

    private static final MatchComparer ALL = new MatchComparer() {
        @Override
        public boolean match(Platform platform) {
            return true;
        }

        @Override
        public boolean less(Platform a, Platform b) {
            return false;
        }

        @Override
        public String toString() {
            return "all";
        }
    };

    private Platforms() {
    }

    /**
     * Parses a specifier. A single word is an operating system if it names one (the architecture
     * is then the host's), else an architecture (the OS is then the host's).
     *
     * @throws ErrdefsException INVALID_ARGUMENT with upstream's message
     */
    public static Platform parse(String specifier) {
        if (specifier.contains("*")) {
            throw invalid(Errdefs.quote(specifier) + ": wildcards not yet supported");
        }
        String[] parts = specifier.split("/", -1);
        for (String part : parts) {
            if (!SPECIFIER_COMPONENT.matcher(part).matches()) {
                throw invalid(Errdefs.quote(part) + " is an invalid component of " + Errdefs.quote(specifier)
                        + ": platform specifier component must match " + Errdefs.quote(SPECIFIER_COMPONENT.pattern()));
            }
        }
        Platform host = HostPlatform.get();
        switch (parts.length) {
            case 1 -> {
                String os = normalizeOs(parts[0]);
                if (KNOWN_OS.contains(os)) {
                    String variant = host.architecture().equals("arm") && !host.variant().equals("v7") ? host.variant() : "";
                    return Platform.of(os, host.architecture(), variant);
                }
                Platform arch = armV7Implied(normalizeArch(Platform.of(host.os(), parts[0])));
                if (KNOWN_ARCH.contains(arch.architecture())) {
                    return arch;
                }
                throw invalid(Errdefs.quote(specifier) + ": unknown operating system or architecture");
            }
            case 2 -> {
                return armV7Implied(normalizeArch(Platform.of(normalizeOs(parts[0]), parts[1])));
            }
            case 3 -> {
                Platform p = normalizeArch(Platform.of(normalizeOs(parts[0]), parts[1], parts[2]));
                return p.architecture().equals("arm64") && p.variant().isEmpty() ? p.withVariant("v8") : p;
            }
            default -> throw invalid(Errdefs.quote(specifier) + ": cannot parse platform specifier");
        }
    }

    /** {@return {@code <os>/<arch>[/<variant>]} joined and cleaned like Go's path.Join, or "unknown" without an OS} */
    public static String format(Platform platform) {
        if (platform.os().isEmpty()) {
            return "unknown";
        }
        return GoPaths.join(platform.os(), platform.architecture(), platform.variant());
    }

    /** {@return {@code platform} with its OS and architecture in canonical form; an empty OS becomes the host's} */
    public static Platform normalize(Platform platform) {
        Platform p = normalizeArch(platform);
        return new Platform(normalizeOs(p.os()), p.architecture(), p.variant(), p.osVersion(), p.osFeatures());
    }

    /** {@return the host platform (linux/amd64 here)} */
    public static Platform defaultSpec() {
        return HostPlatform.get();
    }

    /** {@return the host platform's specifier, e.g. "linux/amd64"} */
    public static String defaultString() {
        return format(defaultSpec());
    }

    /** {@return what the host runs, most preferred first: {@code only(defaultSpec())}} */
    public static MatchComparer defaultMatcher() {
        return only(defaultSpec());
    }

    /** {@return the host platform and nothing else: {@code onlyStrict(defaultSpec())}} */
    public static MatchComparer defaultStrict() {
        return onlyStrict(defaultSpec());
    }

    /** {@return a matcher for platforms equal to {@code platform} in OS, architecture and variant once both are normalized} */
    public static PlatformMatcher newMatcher(Platform platform) {
        Platform want = normalize(platform);
        return new PlatformMatcher() {
            @Override
            public boolean match(Platform candidate) {
                Platform p = normalize(candidate);
                return want.os().equals(p.os()) && want.architecture().equals(p.architecture())
                        && want.variant().equals(p.variant());
            }

            @Override
            public String toString() {
                return format(want);
            }
        };
    }

    /**
     * {@return a comparer for {@code platform} and the platforms it can also run, in that order:
     * amd64/vN also v(N-1)…v1 and 386; arm/vN also down to v5; arm64 also arm v8 down to v5}
     */
    public static MatchComparer only(Platform platform) {
        return ordered(platformVector(normalize(platform)));
    }

    /** {@return a comparer for exactly {@code platform} (in any spelling that normalizes to it)} */
    public static MatchComparer onlyStrict(Platform platform) {
        return ordered(List.of(normalize(platform)));
    }

    /** {@return a comparer matching any of {@code platforms}, preferring them in the given order} */
    public static MatchComparer ordered(List<Platform> platforms) {
        List<PlatformMatcher> matchers = platforms.stream().map(Platforms::newMatcher).toList();
        return new MatchComparer() {
            @Override
            public boolean match(Platform platform) {
                return matchers.stream().anyMatch(m -> m.match(platform));
            }

            @Override
            public boolean less(Platform a, Platform b) {
                for (PlatformMatcher m : matchers) {
                    boolean am = m.match(a);
                    boolean bm = m.match(b);
                    if (am || bm) {
                        return am && !bm;
                    }
                }
                return false;
            }

            @Override
            public String toString() {
                return "ordered" + matchers;
            }
        };
    }

    /** {@return a comparer matching any of {@code platforms}, preferring matched over unmatched only} */
    public static MatchComparer any(List<Platform> platforms) {
        List<PlatformMatcher> matchers = platforms.stream().map(Platforms::newMatcher).toList();
        return new MatchComparer() {
            @Override
            public boolean match(Platform platform) {
                return matchers.stream().anyMatch(m -> m.match(platform));
            }

            @Override
            public boolean less(Platform a, Platform b) {
                return match(a) && !match(b);
            }

            @Override
            public String toString() {
                return "any" + matchers;
            }
        };
    }

    /** {@return a comparer matching every platform with no preference ({@code --all-platforms})} */
    public static MatchComparer all() {
        return ALL;
    }

    /** The platforms {@link #only} accepts for an already normalized {@code p}, most preferred first. */
    private static List<Platform> platformVector(Platform p) {
        List<Platform> vector = new ArrayList<>();
        vector.add(p);
        switch (p.architecture()) {
            case "amd64" -> {
                for (int v = variantNumber(p.variant()) - 1; v >= 1; v--) {
                    vector.add(p.withVariant("v" + v));
                }
                vector.add(p.withArchitecture("386", ""));
            }
            case "arm" -> {
                int version = variantNumber(p.variant());
                if (version > 5) {
                    for (int v = version - 1; v >= 5; v--) {
                        vector.add(p.withVariant("v" + v));
                    }
                }
            }
            case "arm64" -> vector.addAll(platformVector(p.withArchitecture("arm", p.variant().isEmpty() ? "v8" : p.variant())));
            default -> {
            }
        }
        return vector;
    }

    /** The N of a "vN" variant as Go's strconv.Atoi reads it, or 0 when it is not a number. */
    private static int variantNumber(String variant) {
        String digits = variant.startsWith("v") ? variant.substring(1) : variant;
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Platform armV7Implied(Platform p) {
        return p.architecture().equals("arm") && p.variant().equals("v7") ? p.withVariant("") : p;
    }

    private static String normalizeOs(String os) {
        if (os.isEmpty()) {
            return HostPlatform.get().os();
        }
        String lower = os.toLowerCase(Locale.ROOT);
        return lower.equals("macos") ? "darwin" : lower;
    }

    private static Platform normalizeArch(Platform p) {
        String arch = p.architecture().toLowerCase(Locale.ROOT);
        String variant = p.variant().toLowerCase(Locale.ROOT);
        switch (arch) {
            case "i386" -> {
                arch = "386";
                variant = "";
            }
            case "x86_64", "x86-64", "amd64" -> {
                arch = "amd64";
                if (variant.equals("v1")) {
                    variant = "";
                }
            }
            case "aarch64", "arm64" -> {
                arch = "arm64";
                if (variant.equals("8") || variant.equals("v8")) {
                    variant = "";
                }
            }
            case "armhf" -> {
                arch = "arm";
                variant = "v7";
            }
            case "armel" -> {
                arch = "arm";
                variant = "v6";
            }
            case "arm" -> {
                switch (variant) {
                    case "", "7" -> variant = "v7";
                    case "5", "6", "8" -> variant = "v" + variant;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return p.withArchitecture(arch, variant);
    }

    private static ErrdefsException invalid(String context) {
        return Errdefs.wrap(ErrorKind.INVALID_ARGUMENT, context);
    }
}
