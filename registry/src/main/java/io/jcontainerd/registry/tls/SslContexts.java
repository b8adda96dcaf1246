package io.jcontainerd.registry.tls;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the {@link SSLContext} for a host's {@link TlsSettings}. */
public final class SslContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private SslContexts() {
    }

    /**
     * Loads the JDK's default context, which an HTTP client built without one of ours loads
     * first: its trust store is read once per JVM, and slowly on a cold one.
     *
     * @throws IllegalStateException when the JDK's TLS setup cannot load
     */
    public static void loadDefault() {
        try {
            SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("default tls context: " + e.getMessage(), e);
        }
    }

    /**
     * @throws ErrdefsException INVALID_ARGUMENT when a CA or key pair file cannot be read or parsed
     */
    public static SSLContext create(TlsSettings settings) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(settings.clientKeyPairs()), trustManagers(settings), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "unable to set up tls: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(List<ClientKeyPair> pairs) throws GeneralSecurityException, IOException {
        if (pairs.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int alias = 0;
        for (ClientKeyPair pair : pairs) {
            List<X509Certificate> chain = PemFiles.readCertificateChain(pair.certificate());
            PrivateKey key = PemFiles.readPrivateKey(pair.key());
            store.setKeyEntry("client-" + alias++, key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TlsSettings settings) throws GeneralSecurityException, IOException {
        if (settings.skipVerify()) {
            return new TrustManager[] {new TrustAnything()};
        }
        if (settings.caCertificates().isEmpty()) {
            return null;
        }
        // the system's roots plus the configured CAs, as upstream appends to x509.SystemCertPool
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int alias = 0;
        for (X509Certificate root : systemRoots().getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + alias++, root);
        }
        for (Path file : settings.caCertificates()) {
            for (X509Certificate cert : PemFiles.readCertificates(file)) {
                store.setCertificateEntry("ca-" + alias++, cert);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static X509TrustManager systemRoots() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager among the JDK's defaults");
    }

    /**
     * {@code skip_verify}: trusts every chain. Being an {@link X509ExtendedTrustManager}, it also
     * replaces the JDK's host name check, which a plain X509TrustManager would still get.
     */
    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
