package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** {@link RegistryJctrParityBase}: jctr on jcontainerd against ctr on Debian's containerd. */
class RegistryJctrOnJcontainerdIT extends RegistryJctrParityBase {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
