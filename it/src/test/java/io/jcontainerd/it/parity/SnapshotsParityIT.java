package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** The snapshots scenarios driven by Debian's ctr against both daemons. */
class SnapshotsParityIT extends SnapshotsJctrParityIT {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
