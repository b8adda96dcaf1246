package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;

/** Debian's ctr imports the hostile archives on the client side, through our Content/Diff APIs. */
class HostileImportIT extends HostileImportScenarios {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }
}
