/** The snapshots service ({@code io.containerd.service.v1 snapshots-service}) and the Snapshots API over it. */
package io.jcontainerd.services.snapshots;
