package io.jcontainerd.core.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {
    static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parses_and_prints_every_supported_algorithm() {
        Digest sha256 = Digest.parse(EMPTY_SHA256);
        assertThat(sha256.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(sha256.hex()).hasSize(64);
        assertThat(sha256).hasToString(EMPTY_SHA256);
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            Digest d = a.digest("abc".getBytes(StandardCharsets.UTF_8));
            assertThat(Digest.parse(d.toString())).isEqualTo(d);
            assertThat(d.hex()).hasSize(a.hexLength());
        }
    }

    @Test
    void digests_like_go_digest() {
        assertThat(Digest.fromString("")).hasToString(EMPTY_SHA256);
        assertThat(DigestAlgorithm.SHA512.digest(new byte[0]).hex()).startsWith("cf83e1357eefb8bd");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            sha256                                                                      | invalid checksum digest format
            sha256:                                                                     | invalid checksum digest format
            :abc                                                                        | invalid checksum digest format
            sha256:abc                                                                  | invalid checksum digest length
            sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855     | invalid checksum digest format
            sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855     | invalid checksum digest format
            md5:d41d8cd98f00b204e9800998ecf8427e                                        | unsupported digest algorithm
            MD5:d41d8cd98f00b204e9800998ecf8427e                                        | invalid checksum digest format
            sha384:abcd                                                                 | invalid checksum digest length
            """)
    void rejects_invalid_digests_with_go_digest_messages(String input, String message) {
        assertThatThrownBy(() -> Digest.parse(input))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
