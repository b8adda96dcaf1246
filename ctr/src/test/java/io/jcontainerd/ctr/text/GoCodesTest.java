package io.jcontainerd.ctr.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class GoCodesTest {
    @Test
    void namesCodesLikeGo() {
        assertThat(GoCodes.name(0)).isEqualTo("OK");
        assertThat(GoCodes.name(2)).isEqualTo("Unknown");
        assertThat(GoCodes.name(16)).isEqualTo("Unauthenticated");
        assertThat(GoCodes.name(17)).isEqualTo("Code(17)");
        for (Status.Code code : Status.Code.values()) {
            // same order as grpc-java's enum, which follows the wire numbers
            assertThat(GoCodes.name(code.value()).toLowerCase()).isEqualTo(code.name().replace("_", "").toLowerCase()
                    .replace("cancelled", "canceled"));
        }
    }

    @Test
    void formatsRawGrpcErrors() {
        assertThat(GoCodes.rpcError(Status.DEADLINE_EXCEEDED.withDescription("context deadline exceeded")))
                .isEqualTo("rpc error: code = DeadlineExceeded desc = context deadline exceeded");
    }
}
