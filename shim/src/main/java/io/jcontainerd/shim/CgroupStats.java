package io.jcontainerd.shim;

import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A container's cgroup figures as containerd's metrics message of the host's cgroup version,
 * which {@code ctr tasks metrics} prints: {@link CgroupV1Stats} or {@link CgroupV2Stats}.
 */
sealed interface CgroupStats permits CgroupV1Stats, CgroupV2Stats {

    /** {@return the reader for the hierarchy mounted at {@code root}: v2 when it is the unified one} */
    static CgroupStats forHost(Path root) {
        return unified(root) ? new CgroupV2Stats(root) : new CgroupV1Stats(root);
    }

    /** {@return whether the hierarchy mounted at {@code root} is cgroup v2's unified one} */
    static boolean unified(Path root) {
        return Files.exists(root.resolve("cgroup.controllers"));
    }

    /** {@return the type URL of what {@link #read} returns, as typeurl names it} */
    String typeUrl();

    /** {@return the metrics of {@code cgroupsPath}, empty when the host has no such cgroup} */
    Optional<? extends Message> read(String cgroupsPath) throws IOException;

    static long number(Path file) throws IOException {
        return text(file).map(Long::parseUnsignedLong).orElse(0L);
    }

    /** A limit file: {@code max} is no limit, which containerd reports as the largest uint64. */
    static long limit(Path file) throws IOException {
        return text(file).map(t -> t.equals("max") ? -1L : Long.parseUnsignedLong(t)).orElse(0L);
    }

    static Optional<String> text(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** {@code key value} lines (cpu.stat, memory.stat, memory.events) as pairs. */
    static List<String[]> pairs(Path file) throws IOException {
        return text(file).map(t -> t.lines().map(l -> l.split("\\s+")).filter(kv -> kv.length == 2).toList())
                .orElse(List.of());
    }

    static String relative(String cgroupsPath) {
        return cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
    }
}
