package io.jcontainerd.sys.digest;

import java.security.Provider;
import java.security.Security;

/**
 * A JCA provider of SHA-256 through libcrypto. Installed first, it serves every
 * {@code MessageDigest.getInstance("SHA-256")} in the process; the JDK's providers keep
 * everything else.
 */
public final class LibcryptoProvider extends Provider {
    public static final String NAME = "jcontainerd-libcrypto";

    private LibcryptoProvider(Libcrypto crypto) {
        super(NAME, "1", "SHA-256 from OpenSSL's libcrypto");
        putService(new Service(this, "MessageDigest", "SHA-256", LibcryptoSha256.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new LibcryptoSha256(crypto);
            }
        });
    }

    /**
     * Puts the provider ahead of the JDK's, once; a no-op where libcrypto is missing (the JDK's
     * SHA-256 then serves).
     *
     * @return whether libcrypto serves SHA-256 in this process
     */
    public static synchronized boolean install() {
        if (Security.getProvider(NAME) != null) {
            return true;
        }
        return Libcrypto.get().map(crypto -> Security.insertProviderAt(new LibcryptoProvider(crypto), 1) > 0)
                .orElse(false);
    }
}
