package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The jctr snapshots scenarios through jctr and our daemon, against ctr on containerd. */
class SnapshotsJctrOnJcontainerdIT extends SnapshotsJctrParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }
}
