package io.jcontainerd.core.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "k8s.io", "Foo", "foo-bar_baz.1", "a", "0", "1.2.3", "moby",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void accepts_upstream_valid_identifiers(String id) {
        Identifiers.validate(id);
        assertThat(Identifiers.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-foo", "foo-", ".foo", "foo.", "foo..bar", "foo--bar", "foo bar", "foo/bar",
            "../etc", "föö", "foo_", "_foo", "a\nb"})
    void rejects_malformed_identifiers_as_invalid_argument(String id) {
        assertThatThrownBy(() -> Identifiers.validate(id))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("must match " + Identifiers.PATTERN)
                .hasMessageEndingWith(": invalid argument");
        assertThat(Identifiers.isValid(id)).isFalse();
    }

    /** Random strings over the identifier alphabet and a few others, seeded: the hand check answers as the regex does. */
    @Test
    void the_hand_check_agrees_with_the_pattern() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Pattern pattern = Pattern.compile(Identifiers.PATTERN);
        String alphabet = "aZ09._-/ \u00e9:";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = s.toString();
            assertThat(Identifiers.matchesPattern(id)).as("%s (seed %d)", id, seed).isEqualTo(pattern.matcher(id).matches());
        }
    }

    @Test
    void rejects_empty_and_too_long() {
        assertThatThrownBy(() -> Identifiers.validate(""))
                .hasMessage("identifier must not be empty: invalid argument");
        String tooLong = "a".repeat(77);
        assertThatThrownBy(() -> Identifiers.validate(tooLong))
                .hasMessage("identifier \"" + tooLong + "\" greater than maximum length (76 characters): invalid argument");
    }
}
