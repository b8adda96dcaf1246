package io.jcontainerd.registry.tls;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads certificates and private keys from PEM files. */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /** DER of AlgorithmIdentifier rsaEncryption with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** DER of OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    /**
     * {@return every certificate in the file}
     *
     * @throws ErrdefsException INVALID_ARGUMENT "unable to read CA cert …" when the file cannot be
     *     read, "unable to load CA cert …" when it holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        String text = read(file, "unable to read CA cert ");
        List<X509Certificate> certs = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (block.type.equals("CERTIFICATE")) {
                certs.add(certificate(block.der, "unable to load CA cert " + Errdefs.quote(file.toString())));
            }
        }
        if (certs.isEmpty()) {
            throw invalid("unable to load CA cert " + Errdefs.quote(file.toString()));
        }
        return certs;
    }

    /**
     * {@return the certificate chain of a client key pair}
     *
     * @throws ErrdefsException INVALID_ARGUMENT "unable to read CERT file …" or "failed to load X509 key pair: …"
     */
    public static List<X509Certificate> readCertificateChain(Path file) {
        String text = read(file, "unable to read CERT file ");
        List<X509Certificate> chain = new ArrayList<>();
        for (Block block : blocks(text)) {
            if (block.type.equals("CERTIFICATE")) {
                chain.add(certificate(block.der, "failed to load X509 key pair"));
            }
        }
        if (chain.isEmpty()) {
            throw invalid("failed to load X509 key pair: tls: failed to find any PEM data in certificate input");
        }
        return chain;
    }

    /**
     * {@return the first private key in the file: PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY")
     * or SEC1 ("EC PRIVATE KEY")}
     *
     * @throws ErrdefsException INVALID_ARGUMENT "unable to read CERT file …" or "failed to load X509 key pair: …"
     */
    public static PrivateKey readPrivateKey(Path file) {
        String text = read(file, "unable to read CERT file ");
        for (Block block : blocks(text)) {
            switch (block.type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der);
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(wrapPkcs8(RSA_ALGORITHM, block.der));
                }
                case "EC PRIVATE KEY" -> {
                    return pkcs8(wrapPkcs8(ecAlgorithm(block.der), block.der));
                }
                default -> {
                }
            }
        }
        throw invalid("failed to load X509 key pair: tls: failed to find any PEM data in key input");
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, what + Errdefs.quote(file.toString()) + ": " + e, e);
        }
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                // not base64: skip, as Go's pem.Decode skips what it cannot read
            }
        }
        return blocks;
    }

    private static X509Certificate certificate(byte[] der, String what) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, what + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey pkcs8(byte[] der) {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "failed to load X509 key pair: tls: failed to parse private key", last);
    }

    /** PKCS#8 PrivateKeyInfo: version 0, the algorithm, the key as an octet string. */
    private static byte[] wrapPkcs8(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(derHeader(0x04, key.length));
        body.writeBytes(key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(derHeader(0x30, body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** The AlgorithmIdentifier of a SEC1 key: id-ecPublicKey with the curve OID from the key's [0] parameters. */
    private static byte[] ecAlgorithm(byte[] sec1) {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }
        byte[] curveOid;
        try {
            Der cursor = new Der(sec1, 0).enter(0x30).skip(0x02).skip(0x04);
            if (!cursor.at(0xa0)) {
                throw invalid("failed to load X509 key pair: x509: EC private key without named curve");
            }
            curveOid = cursor.enter(0xa0).element(0x06);
        } catch (IndexOutOfBoundsException e) {
            throw invalid("failed to load X509 key pair: x509: malformed EC private key");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(EC_PUBLIC_KEY_OID);
        body.writeBytes(curveOid);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(derHeader(0x30, body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) tag, (byte) 0x81, (byte) length};
        }
        return new byte[] {(byte) tag, (byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    /** Just enough DER reading to find a SEC1 key's curve: a cursor over tag-length-value elements. */
    private record Der(byte[] data, int pos) {
        boolean at(int tag) {
            return pos < data.length && (data[pos] & 0xff) == tag;
        }

        private int lengthOffset() {
            return pos + 1;
        }

        private int contentStart() {
            int first = data[lengthOffset()] & 0xff;
            return first < 0x80 ? lengthOffset() + 1 : lengthOffset() + 1 + (first & 0x7f);
        }

        private int contentLength() {
            int first = data[lengthOffset()] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int length = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                length = length << 8 | data[lengthOffset() + 1 + i] & 0xff;
            }
            return length;
        }

        private void expect(int tag) {
            if (!at(tag) || contentStart() + contentLength() > data.length) {
                throw invalid("failed to load X509 key pair: x509: malformed EC private key");
            }
        }

        Der enter(int tag) {
            expect(tag);
            return new Der(data, contentStart());
        }

        Der skip(int tag) {
            expect(tag);
            return new Der(data, contentStart() + contentLength());
        }

        /** The whole element (tag, length and content) at the cursor. */
        byte[] element(int tag) {
            expect(tag);
            return Arrays.copyOfRange(data, pos, contentStart() + contentLength());
        }
    }

    private static ErrdefsException invalid(String message) {
        return new ErrdefsException(ErrorKind.INVALID_ARGUMENT, message);
    }
}
