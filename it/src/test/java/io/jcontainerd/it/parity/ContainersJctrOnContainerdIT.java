package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The containers scenarios with jctr in ctr's place, both on containerd: create, ls, info, label, rm alike. */
class ContainersJctrOnContainerdIT extends ContainersParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_CONTAINERD;
    }
}
