/** The diff service ({@code io.containerd.service.v1 diff-service}) and the Diff API over it. */
package io.jcontainerd.services.diff;
