package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code leases} through every pairing. Each test works in its own namespace, so the order the
 * tests run in does not matter. Times differ between the two sides, and so do generated IDs;
 * they are compared as placeholders here and checked on the tested side's raw output.
 */
class LeasesParityIT extends DaemonParityBase {
    private static final String RFC3339 = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:Z|[+-]\\d\\d:\\d\\d)";
    /** containerd's generated lease IDs: nanosecond of the second, dash, 4 base64url characters. */
    private static final String GENERATED_ID = "(?<![\\w-])\\d{1,9}-[\\w-]{4}(?![\\w-])";
    private static final Pattern EXPIRING_ROW = Pattern.compile(
            "(?m)^(\\S+) +(" + RFC3339 + ") .*containerd\\.io/gc\\.expire=(" + RFC3339 + ")");

    /** CREATED AT and expiry times read {@code <time>}; they are as wide on both sides, so columns still align alike. */
    private static String withoutTimes(String text) {
        return text.replaceAll(RFC3339, "<time>");
    }

    /** Generated IDs vary in length, so the table's padding is compared as single spaces. */
    private static String withoutTimesAndGeneratedIds(String text) {
        return withoutTimes(text).replaceAll(GENERATED_ID, "<id>").replaceAll(" +", " ");
    }

    private ProcessResult leases(String namespace, String... args) {
        return parity.assertSame(LeasesParityIT::withoutTimes, command(namespace, args));
    }

    private static String[] command(String namespace, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "-n";
        command[1] = namespace;
        command[2] = "leases";
        System.arraycopy(args, 0, command, 3, args.length);
        return command;
    }

    @Test
    void createWithIdsLabelsAndExpiry() {
        String ns = "lp-create";
        assertThat(leases(ns, "create", "--id", "lease-a", "a=1", "bare", "empty=", "eq=x=y"))
                .isEqualTo(new ProcessResult(0, "lease-a\n", ""));
        leases(ns, "create", "--id", "lease-b", "-x", "0", "k=v w", "é=ü", "日本=語");
        leases(ns, "create", "--id", "lease-c", "--expires", "1h30m");
        leases(ns, "create", "--id", "lease-d", "-x", "-1h"); // not positive: no expiry
        // containerd 1.6 does not hold lease IDs to the identifier rules
        leases(ns, "create", "--id", "bad name", "-x", "0");
        leases(ns, "create", "--id=a/b", "-x=0");
        ProcessResult table = leases(ns, "ls");
        assertThat(table.stdout()).containsPattern("(?m)^lease-b +<time> +k=v w,é=ü,日本=語 +$")
                .containsPattern("(?m)^lease-d +<time> +- +$");
        leases(ns, "list", "-q");
        leases(ns, "ls", "--quiet=false");

        ProcessResult raw = parity.tested(command(ns, "ls"));
        assertThat(expiresAfter(raw.stdout(), "lease-a")).isBetween(Duration.ofHours(24).minusSeconds(2),
                Duration.ofHours(24).plusSeconds(2));
        assertThat(expiresAfter(raw.stdout(), "lease-c")).isBetween(Duration.ofMinutes(90).minusSeconds(2),
                Duration.ofMinutes(90).plusSeconds(2));
    }

    /** {@return the time from the lease's creation to its expiry label, from a {@code leases ls} table} */
    private static Duration expiresAfter(String table, String id) {
        Matcher row = EXPIRING_ROW.matcher(table);
        while (row.find()) {
            if (row.group(1).equals(id)) {
                return Duration.between(OffsetDateTime.parse(row.group(2)), OffsetDateTime.parse(row.group(3)));
            }
        }
        throw new AssertionError("no expiring lease " + id + " in\n" + table);
    }

    @Test
    void generatedIds() {
        String ns = "lp-generated";
        ProcessResult created = parity.assertSame(LeasesParityIT::withoutTimesAndGeneratedIds,
                command(ns, "create", "x=1"));
        assertThat(created.stdout()).isEqualTo("<id>\n");
        parity.assertSame(LeasesParityIT::withoutTimesAndGeneratedIds, command(ns, "create", "--id", "", "-x", "0"));
        // random IDs sort in random order: one row at a time
        parity.assertSame(LeasesParityIT::withoutTimesAndGeneratedIds, command(ns, "ls", "labels.x==1"));
        parity.assertSame(LeasesParityIT::withoutTimesAndGeneratedIds, command(ns, "ls", "labels.x!=1"));
        ProcessResult ids = parity.assertSame(LeasesParityIT::withoutTimesAndGeneratedIds, command(ns, "ls", "-q"));
        assertThat(ids.stdout()).isEqualTo("<id>\n<id>\n");
        assertThat(parity.tested(command(ns, "ls", "-q")).stdout()).matches("(?:\\d{1,9}-[\\w-]{4}\n){2}");
    }

    @Test
    void filters() {
        String ns = "lp-filter";
        leases(ns, "create", "--id", "f-one", "-x", "0", "team=infra");
        leases(ns, "create", "--id", "f-two", "team=web");
        leases(ns, "create", "--id", "f-three", "-x", "0");
        leases(ns, "ls", "id==f-one");
        leases(ns, "ls", "-q", "labels.team==infra", "id==f-three");
        leases(ns, "ls", "labels.\"containerd.io/gc.expire\"");
        leases(ns, "ls", "-q", "id~=^f-t");
        leases(ns, "ls", "-q", "id!=f-one,labels.team");
        leases(ns, "ls", "-q", "labels.team~=(");
        leases(ns, "ls", "id==nothing");
        ProcessResult bad = leases(ns, "ls", "bad filter==");
        assertThat(bad).isEqualTo(new ProcessResult(1, "", "ctr: failed to list leases: filters: parse error: "
                + "[bad  >|f|< ilter==]: expected an operator (\"==\"|\"!=\"|\"~=\"): invalid argument: invalid argument\n"));
        leases(ns, "ls", "-q", "id==");
    }

    @Test
    void remove() {
        String ns = "lp-remove";
        for (String id : new String[] {"r1", "r2", "r3", "r4", "r5"}) {
            leases(ns, "create", "--id", id);
        }
        assertThat(leases(ns, "rm", "r1", "r2")).isEqualTo(new ProcessResult(0, "r1\nr2\n", ""));
        assertThat(leases(ns, "delete", "ghost"))
                .isEqualTo(new ProcessResult(1, "", "ctr: lease \"ghost\": not found\n"));
        // the first failure stops the rest
        assertThat(leases(ns, "del", "r3", "ghost", "r4"))
                .isEqualTo(new ProcessResult(1, "r3\n", "ctr: lease \"ghost\": not found\n"));
        leases(ns, "remove", "--sync", "r4", "r5");
        leases(ns, "ls");
        ProcessResult help = leases(ns, "rm");
        assertThat(help.stdout()).startsWith("NAME:\n   ctr leases delete - delete a lease\n");
    }

    @Test
    void removingFromAMissingNamespace() {
        leases("lp-nowhere", "rm", "x");
        leases("lp-nowhere", "ls");
        parity.assertSame("ns", "ls", "-q");
    }

    @Test
    void duplicateId() {
        String ns = "lp-duplicate";
        leases(ns, "create", "--id", "dup");
        assertThat(leases(ns, "create", "--id", "dup", "-x", "0", "k=v"))
                .isEqualTo(new ProcessResult(1, "", "ctr: lease \"dup\": already exists\n"));
        leases(ns, "ls");
    }

    @Test
    void emptyLabelKeys() {
        String ns = "lp-labels";
        assertThat(leases(ns, "create", "--id", "keyless", "=v"))
                .isEqualTo(new ProcessResult(1, "", "ctr: failed to set label \"\"=\"v\": key required: unknown\n"));
        // an empty key with an empty value is dropped before it is stored
        leases(ns, "create", "--id", "dropped", "=", "-x", "0");
        leases(ns, "ls");
    }

    @Test
    void aLeaseCreatesItsNamespaceAndDoesNotKeepItFromBeingRemoved() {
        String ns = "lp-namespace";
        leases(ns, "create", "--id", "held", "-x", "0");
        ProcessResult namespaces = parity.assertSame("ns", "ls", "-q");
        assertThat(namespaces.stdout()).contains(ns + "\n");
        assertThat(parity.assertSame("ns", "rm", ns)).isEqualTo(new ProcessResult(0, ns + "\n", ""));
        assertThat(leases(ns, "ls", "-q").stdout()).isEmpty();
    }
}
