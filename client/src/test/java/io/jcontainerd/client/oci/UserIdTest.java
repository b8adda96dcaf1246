package io.jcontainerd.client.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserIdTest {
    @Test
    void idsFromZeroToTheLargestInt32Parse() {
        assertThat(UserId.parse("0")).hasValue(0);
        assertThat(UserId.parse("+42")).hasValue(42);
        assertThat(UserId.parse("2147483647")).hasValue(2147483647);
    }

    @Test
    void numbersOutOfRangeDoNotParseButAreNumbers() {
        for (String s : new String[] {"2147483648", "4294967296", "-1", "99999999999999999999"}) {
            assertThat(UserId.parse(s)).as(s).isEqualTo(OptionalLong.empty());
            assertThat(UserId.isNumeric(s)).as(s).isTrue();
        }
    }

    @Test
    void namesAreNotNumbers() {
        for (String s : new String[] {"", "+", "-", "app", "1a", " 1", "1 ", "0x10"}) {
            assertThat(UserId.isNumeric(s)).as(s).isFalse();
            assertThat(UserId.parse(s)).as(s).isEqualTo(OptionalLong.empty());
        }
    }

    @Test
    void aGroupWithAnIdOutOfRangeIsNotASupplementaryGroup() {
        String group = "wheel:x:10:app\nwrapping:x:4294967296:app\nstaff:x:50:app,other\n";
        assertThat(EtcGroup.supplementaryGids(group, "app")).containsExactly(10L, 50L);
    }
}
