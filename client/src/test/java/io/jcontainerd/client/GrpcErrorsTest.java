package io.jcontainerd.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrpcErrorsTest {
    @Test
    void everyFailureCodeHasItsOwnKind() {
        Set<ErrorKind> kinds = Arrays.stream(Status.Code.values())
                .filter(c -> c != Status.Code.OK)
                .map(GrpcErrors::kindOf)
                .collect(Collectors.toSet());
        // 16 failure codes, 16 distinct kinds; CONFLICT and NOT_MODIFIED exist only server-side
        assertThat(kinds).hasSize(16).doesNotContain(ErrorKind.CONFLICT, ErrorKind.NOT_MODIFIED);
        assertThat(EnumSet.complementOf(EnumSet.copyOf(kinds)))
                .containsExactlyInAnyOrder(ErrorKind.CONFLICT, ErrorKind.NOT_MODIFIED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NOT_FOUND           | namespace "x": not found    | namespace "x": not found
            NOT_FOUND           | namespace "x"               | namespace "x": not found
            ALREADY_EXISTS      | already exists              | already exists
            INVALID_ARGUMENT    | bad: invalid argument: invalid argument | bad: invalid argument: invalid argument
            UNKNOWN             | boom                        | boom: unknown
            UNIMPLEMENTED       | no                          | no: not implemented
            DEADLINE_EXCEEDED   | context deadline exceeded   | context deadline exceeded
            CANCELLED           | ''                          | context canceled
            FAILED_PRECONDITION | ': failed precondition'     | failed precondition
            """)
    void messagesEndInTheKindOnceLikeContainerd(Status.Code code, String description, String message) {
        ErrdefsException e = GrpcErrors.toErrdefs(Status.fromCode(code).withDescription(description).asRuntimeException());
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void missingDescriptionIsTheKindText() {
        ErrdefsException e = GrpcErrors.toErrdefs(Status.UNAVAILABLE.asRuntimeException());
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("unavailable");
        assertThat(e.getCause()).isInstanceOf(io.grpc.StatusRuntimeException.class);
    }
}
