package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.client.oci.EtcGroup;
import io.jcontainerd.client.oci.UserId;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.mount.Mounter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container rootfs's {@code /etc/passwd} and {@code /etc/group}, read once through a temporary
 * read-only mount of its snapshot, as containerd's user options read them. The image is
 * untrusted: a file reached through a symbolic link is treated as absent, so a link cannot make
 * the client read the host's files.
 */
final class RootfsFiles {
    /** containerd's bound on a user database file: a crafted image's could be gigabytes (CVE-2026-47262) */
    static final int MAX_FILE_BYTES = 10 << 20;

    private final String passwd;
    private final String group;

    /** {@code passwd} or {@code group} null when the image has none. */
    RootfsFiles(String passwd, String group) {
        this.passwd = passwd;
        this.group = group;
    }

    RootfsFiles(List<Mount> mounts) throws IOException {
        List<Mount> readOnly = new ArrayList<>();
        for (Mount m : mounts) {
            List<String> options = new ArrayList<>(m.options());
            options.add("ro");
            readOnly.add(new Mount(m.type(), m.source(), m.target(), options));
        }
        String[] files = new Mounter(new LinuxSyscalls()).withTempMount(Path.of(System.getProperty("java.io.tmpdir")),
                readOnly, root -> new String[] {read(root, "passwd"), read(root, "group")});
        this.passwd = files[0];
        this.group = files[1];
    }

    /** {@return {@code root/etc/<name>}, null when it is not a regular file reached without links} */
    static String read(Path root, String name) throws IOException {
        Path etc = root.resolve("etc");
        Path file = etc.resolve(name);
        if (!Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw Errdefs.invalidArgument("the image's /etc/" + name + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** {@return the passwd entry whose field {@code index} (0 name, 2 uid) is {@code value}} */
    Optional<String[]> user(int index, String value) {
        if (passwd == null) {
            return Optional.empty();
        }
        for (String line : passwd.split("\n")) {
            String[] fields = line.strip().split(":", -1);
            if (fields.length >= 4 && !line.startsWith("#") && fields[index].equals(value)) {
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    /** {@return the gid of the group named {@code name}} */
    Optional<Long> groupId(String name) {
        if (group == null) {
            return Optional.empty();
        }
        for (String line : group.split("\n")) {
            String[] fields = line.strip().split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                long gid = UserId.parse(fields[2]).orElseThrow(() -> Errdefs.invalidArgument(
                        "invalid id " + Errdefs.quote(fields[2]) + " in the image's /etc/group"));
                return Optional.of(gid);
            }
        }
        return Optional.empty();
    }

    /** {@code WithAdditionalGIDs}: the supplementary groups of the user (by name for "root", else by uid). */
    List<Long> supplementaryGids(ImageUser user) {
        String username = user.name().orElseGet(() -> user(2, Long.toString(user.uid())).map(f -> f[0]).orElse(null));
        if (username == null || group == null) {
            return List.of();
        }
        return EtcGroup.supplementaryGids(group, username);
    }
}
