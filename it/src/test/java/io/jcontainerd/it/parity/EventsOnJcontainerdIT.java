package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The events scenarios with our daemon in containerd's place, watched with Debian's ctr. */
class EventsOnJcontainerdIT extends EventsParityIT {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
