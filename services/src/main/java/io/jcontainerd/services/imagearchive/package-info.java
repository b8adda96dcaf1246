/**
 * Image archives inside the daemon: an OCI layout or {@code docker save} tar read from a stream
 * into content, images and unpacked snapshots in one pipeline, and images written out as an OCI
 * layout tar; the import and export operations of the Transfer service.
 */
package io.jcontainerd.services.imagearchive;
