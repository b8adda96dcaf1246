package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.errdefs.Errdefs;
import java.util.Optional;

/**
 * Who a container's process runs as, from the image config's {@code User} ({@code user},
 * {@code uid}, {@code user:group}, {@code uid:gid}) resolved against the image's own
 * {@code /etc/passwd} and {@code /etc/group}, as containerd's {@code WithUser}.
 *
 * @param name the user name to look supplementary groups up by; empty to look it up by uid
 */
record ImageUser(long uid, long gid, Optional<String> name) {
    private static final ImageUser ROOT = new ImageUser(0, 0, Optional.of("root"));

    static ImageUser resolve(String spec, RootfsFiles rootfs) {
        if (spec.isEmpty()) {
            return ROOT; // containerd still looks up root's supplementary groups
        }
        String[] parts = spec.split(":", -1);
        if (parts.length > 2) {
            throw Errdefs.invalidArgument("invalid USER value " + spec);
        }
        Long uid = number(parts[0]);
        if (parts.length == 1) {
            if (uid != null) {
                // a uid unknown to the image runs with gid 0
                return rootfs.user(2, parts[0]).map(f -> new ImageUser(uid, Long.parseLong(f[3]), Optional.<String>empty()))
                        .orElse(new ImageUser(uid, 0, Optional.empty()));
            }
            String[] entry = rootfs.user(0, parts[0])
                    .orElseThrow(() -> Errdefs.notFound("no users found"));
            return new ImageUser(Long.parseLong(entry[2]), Long.parseLong(entry[3]), Optional.empty());
        }
        long resolvedUid = uid != null ? uid : rootfs.user(0, parts[0]).map(f -> Long.parseLong(f[2]))
                .orElseThrow(() -> Errdefs.notFound("no users found"));
        Long gid = number(parts[1]);
        long resolvedGid = gid != null ? gid : rootfs.groupId(parts[1])
                .orElseThrow(() -> Errdefs.notFound("no groups found"));
        return new ImageUser(resolvedUid, resolvedGid, Optional.empty());
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
