/**
 * What containerd's Go client does with images on the client side: importing archives into
 * images ({@code client.Import}), unpacking an image into snapshots ({@code image.Unpack}) and
 * telling whether it is unpacked.
 */
package io.jcontainerd.client.images;
