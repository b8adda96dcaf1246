package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The lease scenarios with our daemon in containerd's place, driven by Debian's ctr. */
class LeasesOnJcontainerdIT extends LeasesParityIT {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
