package io.jcontainerd.ttrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.errdefs.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCodesTest {

    @ParameterizedTest
    @CsvSource({
        "UNKNOWN, 2", "INVALID_ARGUMENT, 3", "NOT_FOUND, 5", "ALREADY_EXISTS, 6",
        "FAILED_PRECONDITION, 9", "CONFLICT, 9", "NOT_MODIFIED, 9", "ABORTED, 10", "OUT_OF_RANGE, 11",
        "PERMISSION_DENIED, 7", "RESOURCE_EXHAUSTED, 8", "UNAVAILABLE, 14", "NOT_IMPLEMENTED, 12",
        "INTERNAL, 13", "DATA_LOSS, 15", "UNAUTHENTICATED, 16", "CANCELED, 1", "DEADLINE_EXCEEDED, 4",
    })
    void mapsEachErrorKindToItsGrpcCode(ErrorKind kind, int code) {
        assertThat(StatusCodes.of(kind)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"0, OK", "1, Canceled", "5, NotFound", "12, Unimplemented", "16, Unauthenticated", "17, Code(17)"})
    void namesCodesLikeGo(int code, String name) {
        assertThat(StatusCodes.name(code)).isEqualTo(name);
    }
}
