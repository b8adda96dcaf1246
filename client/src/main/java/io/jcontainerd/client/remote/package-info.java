/**
 * Moving images between a registry and the daemon's content store on the client side, as
 * containerd 1.6's client does for ctr: {@link io.jcontainerd.client.remote.ImageFetch} (fetch and
 * pull's first step) and {@link io.jcontainerd.client.remote.ImagePush}.
 */
package io.jcontainerd.client.remote;
