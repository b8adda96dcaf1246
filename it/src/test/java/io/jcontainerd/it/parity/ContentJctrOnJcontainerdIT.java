package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The content scenarios through jctr and our daemon, against ctr on containerd. */
class ContentJctrOnJcontainerdIT extends ContentParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
