/**
 * SHA-256 from OpenSSL's libcrypto as a JCA provider. Every blob the daemon stores is hashed;
 * libcrypto uses the CPU's SHA extensions from the first byte, whereas the JDK's SHA-256 is fast
 * only once C2 has compiled it (C1 has no SHA intrinsic).
 */
package io.jcontainerd.sys.digest;
