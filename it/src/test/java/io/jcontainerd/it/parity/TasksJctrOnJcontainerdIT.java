package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The tasks scenarios with jctr on our daemon, compared with ctr on containerd. */
class TasksJctrOnJcontainerdIT extends TasksParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
