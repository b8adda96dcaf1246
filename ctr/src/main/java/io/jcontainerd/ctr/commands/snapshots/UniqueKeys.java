package io.jcontainerd.ctr.commands.snapshots;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** The unique part of temporary snapshot keys, as containerd's {@code rootfs} makes it: {@code <nanosecond of now>-<3 random bytes, URL base64>}. */
final class UniqueKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueKeys() {
    }

    static String part() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return Instant.now().getNano() + "-" + Base64.getUrlEncoder().encodeToString(b);
    }
}
