package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The namespace scenarios with our daemon in containerd's place, driven by Debian's ctr. */
class NamespacesOnJcontainerdIT extends NamespacesParityIT {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
