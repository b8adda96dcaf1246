package io.jcontainerd.it.parity;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.DaemonInstance;
import io.jcontainerd.it.support.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of parity tests that need daemons: the reference containerd and the tested daemon live for
 * the class; skipped unless root with Debian's containerd and ctr. Subclasses choose the pairing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DaemonParityBase {
    CtrParity parity;

    /** {@return what this class compares with ctr on containerd} (jctr on containerd by default) */
    Pairing pairing() {
        return Pairing.JCTR_ON_CONTAINERD;
    }

    @BeforeAll
    void startDaemons() {
        Host.assumeRoot();
        Host.assumeExecutable(DaemonInstance.CONTAINERD);
        Host.assumeExecutable(CtrParity.CTR);
        parity = CtrParity.withDaemons(pairing());
    }

    @AfterAll
    void stopDaemons() {
        if (parity != null) {
            parity.close();
            parity = null;
        }
    }
}
