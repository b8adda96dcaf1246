/** Differs: applying a layer onto mounts, and computing a layer from two mounts (containerd's diff package). */
package io.jcontainerd.core.diff;
