package io.jcontainerd.core.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
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

    @org.junit.jupiter.api.Test
    void rejects_empty_and_too_long() {
        assertThatThrownBy(() -> Identifiers.validate(""))
                .hasMessage("identifier must not be empty: invalid argument");
        String tooLong = "a".repeat(77);
        assertThatThrownBy(() -> Identifiers.validate(tooLong))
                .hasMessage("identifier \"" + tooLong + "\" greater than maximum length (76 characters): invalid argument");
    }
}
