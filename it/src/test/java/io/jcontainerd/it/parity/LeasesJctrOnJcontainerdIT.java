package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The lease scenarios through jctr and our daemon, against ctr on containerd. */
class LeasesJctrOnJcontainerdIT extends LeasesParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
