package io.jcontainerd.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The platform this process runs on, named the way Go's {@code runtime.GOOS}/{@code GOARCH} name it
 * (the JVM says "aarch64" where Go says "arm64"), with the ARM variant read from
 * {@code /proc/cpuinfo} like upstream's {@code platforms/cpuinfo.go}.
 */
public final class HostPlatform {
    private static final System.Logger LOG = System.getLogger(HostPlatform.class.getName());
    private static final Platform DETECTED = detect();

    private HostPlatform() {
    }

    /** {@return the host's platform: os, architecture and (on ARM) variant} */
    public static Platform get() {
        return DETECTED;
    }

    private static Platform detect() {
        String os = goos(System.getProperty("os.name", ""));
        String arch = goarch(System.getProperty("os.arch", ""));
        String variant = "";
        if (os.equals("linux") && (arch.equals("arm") || arch.equals("arm64"))) {
            try {
                variant = cpuVariant(Files.readString(Path.of("/proc/cpuinfo")), arch);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "failure getting variant", e);
            }
        }
        return Platform.of(os, arch, variant);
    }

    /** {@return Go's GOOS for a JVM {@code os.name}} */
    static String goos(String osName) {
        String lower = osName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("windows")) {
            return "windows";
        }
        if (lower.startsWith("mac")) {
            return "darwin";
        }
        return lower.replace(" ", "");
    }

    /** {@return Go's GOARCH for a JVM {@code os.arch}} */
    static String goarch(String osArch) {
        String lower = osArch.toLowerCase(Locale.ROOT);
        // default, not a String pattern: a pattern switch bootstraps a class in every jctr run
        return switch (lower) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "loongarch64" -> "loong64";
            default -> lower;
        };
    }

    /**
     * {@return the ARM variant ("v8", "v7", …, "unknown") that {@code cpuinfo} reports, or "" when it
     * has no "Cpu architecture" line (upstream logs that and leaves the variant empty)}
     */
    static String cpuVariant(String cpuinfo, String goarch) {
        Optional<String> reported = cpuInfoField(cpuinfo, "Cpu architecture");
        if (reported.isEmpty()) {
            LOG.log(System.Logger.Level.ERROR, "failure getting variant: getCPUInfo for pattern: Cpu architecture: not found");
            return "";
        }
        String variant = reported.get();
        // Raspberry Pi ARMv6 boards report "7" through a kernel quirk
        if (goarch.equals("arm") && variant.equals("7")
                && cpuInfoField(cpuinfo, "model name").map(m -> m.toLowerCase(Locale.ROOT).startsWith("armv6-compatible")).orElse(false)) {
            variant = "6";
        }
        return switch (variant.toLowerCase(Locale.ROOT)) {
            case "8", "aarch64" -> "v8";
            case "7", "7m", "?(12)", "?(13)", "?(14)", "?(15)", "?(16)", "?(17)" -> "v7";
            case "6", "6tej" -> "v6";
            case "5", "5t", "5te", "5tej" -> "v5";
            case "4", "4t" -> "v4";
            case "3" -> "v3";
            default -> "unknown";
        };
    }

    /** The first line whose key (before the first ':') equals {@code key} ignoring case; its text up to any next ':'. */
    private static Optional<String> cpuInfoField(String cpuinfo, String key) {
        for (String line : cpuinfo.split("\n")) {
            String[] parts = line.split(":", -1);
            if (parts.length > 1 && parts[0].strip().equalsIgnoreCase(key)) {
                return Optional.of(parts[1].strip());
            }
        }
        return Optional.empty();
    }
}
