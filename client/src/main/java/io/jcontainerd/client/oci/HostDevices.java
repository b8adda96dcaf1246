package io.jcontainerd.client.oci;

import io.jcontainerd.sys.Linux;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Device nodes of the host as containerd's {@code oci.getDevices} finds them for {@code --device}
 * and {@code --privileged}: a node, or a directory tree of them (pseudo-terminal, shm and similar
 * directories, {@code console} and fifos skipped), read without following symlinks.
 */
public final class HostDevices {
    private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

    private HostDevices() {
    }

    /** Thrown for a path that is not a device node, with containerd's text. */
    public static final class NotADeviceException extends IOException {
        NotADeviceException() {
            super("not a device node");
        }
    }

    /** {@code WithHostDevices}: every device under {@code /dev}. */
    public static List<RuntimeSpec.Device> all() throws IOException {
        return find(Path.of("/dev"), "");
    }

    /**
     * {@return the devices at {@code path}}, a node or a directory; each at {@code containerPath}
     * (joined with its name inside a directory) when that is not empty, else at its host path
     */
    public static List<RuntimeSpec.Device> find(Path path, String containerPath) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException("error stating device path: stat " + path + ": no such file or directory");
        }
        if (!Files.isDirectory(path)) {
            RuntimeSpec.Device device = device(path).orElseThrow(NotADeviceException::new);
            return List.of(containerPath.isEmpty() ? device : at(device, containerPath));
        }
        List<RuntimeSpec.Device> found = new ArrayList<>();
        for (Path entry : sortedEntries(path)) {
            String name = entry.getFileName().toString();
            String inside = containerPath.isEmpty() ? "" : containerPath + "/" + name;
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (!SKIPPED_DIRS.contains(name)) {
                    found.addAll(find(entry, inside));
                }
            } else if (!name.equals("console")) {
                device(entry).filter(d -> !d.type().equals("p"))
                        .ifPresent(d -> found.add(inside.isEmpty() ? d : at(d, inside)));
            }
        }
        return found;
    }

    /** Go's {@code os.ReadDir}: entries sorted by name. */
    private static Set<Path> sortedEntries(Path dir) throws IOException {
        Set<Path> entries = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        return entries;
    }

    /** containerd's {@code DeviceFromPath}: empty for what is not a device node (or vanished). */
    private static Optional<RuntimeSpec.Device> device(Path path) throws IOException {
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(path, "unix:mode,rdev,uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int mode = (Integer) attrs.get("mode");
        String type = switch (mode & Linux.S_IFMT) {
            case Linux.S_IFBLK -> "b";
            case Linux.S_IFCHR -> "c";
            case Linux.S_IFIFO -> "p";
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        long rdev = (Long) attrs.get("rdev");
        return Optional.of(new RuntimeSpec.Device(path.toString(), type, Linux.major(rdev), Linux.minor(rdev),
                mode & ~Linux.S_IFMT, (Integer) attrs.get("uid"), (Integer) attrs.get("gid")));
    }

    private static RuntimeSpec.Device at(RuntimeSpec.Device d, String containerPath) {
        return new RuntimeSpec.Device(containerPath, d.type(), d.major(), d.minor(), d.fileMode(), d.uid(), d.gid());
    }
}
