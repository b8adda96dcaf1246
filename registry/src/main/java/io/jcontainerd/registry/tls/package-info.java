/**
 * TLS for registry connections as containerd's hosts configuration sets it up: CA files added to
 * the system's roots, client certificate/key pairs read from PEM (PKCS#8, PKCS#1 RSA and SEC1 EC
 * keys, as Go's {@code tls.X509KeyPair} reads them), and {@code skip_verify}, which trusts any
 * certificate for any name.
 */
package io.jcontainerd.registry.tls;
