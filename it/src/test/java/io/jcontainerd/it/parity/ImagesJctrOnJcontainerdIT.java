package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The jctr images scenarios with jctr driving our daemon, compared with Debian's ctr on containerd. */
class ImagesJctrOnJcontainerdIT extends ImagesJctrOnContainerdIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
