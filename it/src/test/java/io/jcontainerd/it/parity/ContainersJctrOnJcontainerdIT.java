package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The containers scenarios with jctr on our daemon, compared with ctr on containerd. */
class ContainersJctrOnJcontainerdIT extends ContainersParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
