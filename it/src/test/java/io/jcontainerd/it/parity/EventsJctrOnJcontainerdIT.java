package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The events scenarios through jctr and our daemon, against ctr on containerd. */
class EventsJctrOnJcontainerdIT extends EventsParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
