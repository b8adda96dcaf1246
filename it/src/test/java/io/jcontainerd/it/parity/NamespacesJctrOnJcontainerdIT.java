package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The namespace scenarios through jctr and our daemon, against ctr on containerd. */
class NamespacesJctrOnJcontainerdIT extends NamespacesParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
