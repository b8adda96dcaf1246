/**
 * containerd 2.x's Transfer and Streaming APIs on our daemon, driven by the Java client
 * ({@link io.jcontainerd.client.TransferClient}) against Debian's docker-registry on 127.0.0.1;
 * what they leave behind is checked with Debian's ctr.
 */
package io.jcontainerd.it.transfer;
