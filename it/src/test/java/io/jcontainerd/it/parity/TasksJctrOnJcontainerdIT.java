package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import org.junit.jupiter.api.Test;

/** The tasks scenarios with jctr on our daemon, compared with ctr on containerd. */
class TasksJctrOnJcontainerdIT extends TasksParityIT {
    @Override
    Pairing pairing() {
        return Pairing.JCTR_ON_JCONTAINERD;
    }

    /**
     * jctr refuses a uid or gid outside [0, 2^31-1] as containerd does since CVE-2024-40635 and
     * CVE-2026-46680 (ctr 1.6.20 wraps 4294967296 to root): nothing is executed, and an id in range
     * still runs as itself.
     */
    @Test
    void anExecUserOutOfRangeIsRefused() {
        assertThat(jctr("containers", "create", IMAGE, "users", "sleep", "1000").exitCode()).isZero();
        assertThat(jctr("tasks", "start", "-d", "users").exitCode()).isZero();
        for (String user : new String[] {"4294967296", "0:4294967296", "99999999999999999999", "-1"}) {
            String outOfRange = user.contains(":") ? user.substring(user.indexOf(':') + 1) : user;
            ProcessResult exec = jctr("tasks", "exec", "--exec-id", "u", "--user", user, "users", "cat", "/proc/self/status");
            assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(1);
            assertThat(exec.stdout()).isEmpty();
            assertThat(exec.stderr()).isEqualTo("ctr: invalid USER value " + user + ": " + outOfRange
                    + " is out of range [0, 2147483647]: invalid argument\n");
        }
        ProcessResult inRange = jctr("tasks", "exec", "--exec-id", "u", "--user", "2147483647:1000", "users", "cat",
                "/proc/self/status");
        assertThat(inRange.exitCode()).as(inRange.toString()).isZero();
        assertThat(inRange.stdout()).contains("Uid:\t2147483647\t2147483647", "Gid:\t1000\t1000");
    }

    private ProcessResult jctr(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-n";
        command[1] = namespace();
        System.arraycopy(args, 0, command, 2, args.length);
        return parity.tested(command);
    }
}
