/** {@code io.containerd.differ.v1 walking}: apply layers onto mounts, and diff two mounts by walking both trees. */
package io.jcontainerd.plugins.diff.walking;
