package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The tasks scenarios with jctr in ctr's place, both on containerd: run, the task lifecycle, terminals and signals alike. */
class TasksJctrOnContainerdIT extends TasksParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_CONTAINERD;
    }
}
