package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The content scenarios with our daemon in containerd's place, driven by Debian's ctr. */
class ContentOnJcontainerdIT extends ContentParityIT {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
