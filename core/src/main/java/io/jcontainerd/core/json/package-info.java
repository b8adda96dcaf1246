/** JSON the way Go writes it, for output that must match containerd's byte for byte. */
package io.jcontainerd.core.json;
