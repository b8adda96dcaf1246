package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.oci.UserId;
import io.jcontainerd.core.errdefs.Errdefs;
import java.util.Optional;

/**
 * Who a container's process runs as, from the image config's {@code User} ({@code user},
 * {@code uid}, {@code user:group}, {@code uid:gid}) resolved against the image's own
 * {@code /etc/passwd} and {@code /etc/group}, as containerd's {@code WithUser}. A number out of
 * {@link UserId}'s range is refused, never looked up as a name: a crafted {@code /etc/passwd}
 * could name a user {@code 99999999999999999999} and give it uid 0 (CVE-2026-46680).
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
        Long uid = number(spec, parts[0]);
        if (parts.length == 1) {
            if (uid != null) {
                // a uid unknown to the image runs with gid 0
                // looked up as the number it is: +1000 and 01000 are uid 1000's entry, as upstream reads them
                return rootfs.user(2, Long.toString(uid)).map(f -> new ImageUser(uid, passwdId(f[3]), Optional.<String>empty()))
                        .orElse(new ImageUser(uid, 0, Optional.empty()));
            }
            String[] entry = rootfs.user(0, parts[0])
                    .orElseThrow(() -> Errdefs.notFound("no users found"));
            return new ImageUser(passwdId(entry[2]), passwdId(entry[3]), Optional.empty());
        }
        long resolvedUid = uid != null ? uid : rootfs.user(0, parts[0]).map(f -> passwdId(f[2]))
                .orElseThrow(() -> Errdefs.notFound("no users found"));
        Long gid = number(spec, parts[1]);
        long resolvedGid = gid != null ? gid : rootfs.groupId(parts[1])
                .orElseThrow(() -> Errdefs.notFound("no groups found"));
        return new ImageUser(resolvedUid, resolvedGid, Optional.empty());
    }

    /** {@return the id {@code s} writes, null when it is a name} */
    private static Long number(String spec, String s) {
        if (!UserId.isNumeric(s)) {
            return null;
        }
        return UserId.parse(s).orElseThrow(() -> Errdefs.invalidArgument(
                "invalid USER value " + spec + ": " + s + " is out of range [0, " + UserId.MAX + "]"));
    }

    private static long passwdId(String field) {
        return UserId.parse(field).orElseThrow(() -> Errdefs.invalidArgument(
                "invalid id " + Errdefs.quote(field) + " in the image's /etc/passwd"));
    }
}
