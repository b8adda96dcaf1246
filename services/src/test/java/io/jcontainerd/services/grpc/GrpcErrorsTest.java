package io.jcontainerd.services.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcErrorsTest {
    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void every_kind_maps_to_its_code_with_the_message(ErrorKind kind) {
        Status s = GrpcErrors.toStatus(new ErrdefsException(kind, "thing \"x\": " + kind.text()));
        String expected = switch (kind) {
            case CONFLICT, NOT_MODIFIED -> "FAILED_PRECONDITION";
            case NOT_IMPLEMENTED -> "UNIMPLEMENTED";
            case CANCELED -> "CANCELLED";
            default -> kind.name();
        };
        assertThat(s.getCode().name()).isEqualTo(expected);
        assertThat(s.getDescription()).isEqualTo("thing \"x\": " + kind.text());
    }

    @Test
    void the_first_errdefs_cause_wins_and_plain_exceptions_are_unknown() {
        var wrapped = new IOException("outer", new ErrdefsException(ErrorKind.NOT_FOUND, "blob: not found"));
        assertThat(GrpcErrors.toStatus(wrapped).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.toStatus(new IllegalStateException("boom")).getCode()).isEqualTo(Status.Code.UNKNOWN);
    }
}
