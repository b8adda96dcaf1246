package io.jcontainerd.ctr.commands.namespaces;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code namespaces remove --cgroup}: removes the cgroup named after the namespace from every
 * cgroup v1 hierarchy, or from the unified hierarchy on cgroup v2-only hosts. A cgroup that does
 * not exist is not an error.
 */
final class NamespaceCgroup {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private NamespaceCgroup() {
    }

    static void delete(String namespace) {
        List<String> failed = new ArrayList<>();
        for (Path hierarchy : hierarchies()) {
            Path cgroup = hierarchy.resolve(namespace);
            if (Files.exists(cgroup, LinkOption.NOFOLLOW_LINKS) && !removeTree(cgroup)) {
                failed.add(cgroup.toString());
            }
        }
        if (!failed.isEmpty()) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "cgroups: unable to remove paths " + String.join(", ", failed));
        }
    }

    /** v1 mount points when there are any (v1 or hybrid hosts), else the cgroup2 mount. */
    private static List<Path> hierarchies() {
        List<Path> v1 = mountPoints("cgroup");
        return v1.isEmpty() ? mountPoints("cgroup2") : v1;
    }

    /** mountinfo lines read {@code id parent dev root mountpoint opts [optional...] - fstype src opts}. */
    private static List<Path> mountPoints(String fsType) {
        try (Stream<String> lines = Files.lines(MOUNTINFO)) {
            return lines.map(line -> line.split(" "))
                    .filter(f -> fsType.equals(fsTypeOf(f)))
                    .map(f -> Path.of(f[4]))
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fsTypeOf(String[] fields) {
        for (int i = 6; i < fields.length - 1; i++) {
            if (fields[i].equals("-")) {
                return fields[i + 1];
            }
        }
        return null;
    }

    /** cgroupfs directories are removed with rmdir, children first; their files go with them. */
    private static boolean removeTree(Path cgroup) {
        try (Stream<Path> tree = Files.walk(cgroup)) {
            for (Path dir : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(dir);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
