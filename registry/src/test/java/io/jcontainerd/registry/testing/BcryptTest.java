package io.jcontainerd.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test-only bcrypt against published vectors (jBCrypt's), so the htpasswd the registry reads is right. */
class BcryptTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''  | $2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.
            abc | $2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i
            abcdefghijklmnopqrstuvwxyz | $2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC
            """)
    void matches_known_hashes(String password, String expected) {
        assertThat(Bcrypt.hash(password, expected.substring(0, 29))).isEqualTo(expected);
    }
}
