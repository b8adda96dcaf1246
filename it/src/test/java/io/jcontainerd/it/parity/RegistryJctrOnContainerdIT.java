package io.jcontainerd.it.parity;

/** {@link RegistryJctrParityBase}: jctr and ctr, both on Debian's containerd. */
class RegistryJctrOnContainerdIT extends RegistryJctrParityBase {
}
