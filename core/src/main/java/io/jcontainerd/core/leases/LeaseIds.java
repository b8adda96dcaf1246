package io.jcontainerd.core.leases;

import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** IDs for leases created without one, in containerd's form: {@code <nanosecond of the second>-<4 base64url chars>}. */
public final class LeaseIds {
    private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder();

    private LeaseIds() {
    }

    /** {@return a fresh ID such as {@code 402116769-KPNa}; unique enough for short-lived leases, not guaranteed} */
    public static String random() {
        byte[] bytes = new byte[3]; // 3 bytes encode to exactly 4 characters, without padding
        ThreadLocalRandom.current().nextBytes(bytes);
        return Instant.now().getNano() + "-" + BASE64_URL.encodeToString(bytes);
    }
}
