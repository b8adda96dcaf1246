package io.jcontainerd.ctr.commands.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalsTest {
    @ParameterizedTest
    @CsvSource({"KILL,9", "SIGKILL,9", "sigterm,15", "term,15", "9,9", "64,64", "SIGRTMIN+3,37", "RTMAX-1,63", "cld,17"})
    void namesWithOrWithoutSigAnyCaseAndNumbers(String raw, int number) {
        assertThat(Signals.parse(raw)).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "BOGUS", "SIG", "", "SIGSIGKILL"})
    void anythingElseIsAnInvalidSignal(String raw) {
        assertThatThrownBy(() -> Signals.parse(raw)).isInstanceOf(CommandException.class)
                .hasMessage("invalid signal: " + raw);
    }

    @Test
    void theImagesStopSignalLabelWinsOverTheDefault() {
        assertThat(Signals.stopSignal(container(Map.of(ContainerFlags.STOP_SIGNAL_LABEL, "SIGQUIT")), Signals.SIGTERM)).isEqualTo(3);
        assertThat(Signals.stopSignal(container(Map.of()), Signals.SIGTERM)).isEqualTo(15);
    }

    private static Container container(Map<String, String> labels) {
        return new Container("c", labels, "", new Container.Runtime("io.containerd.runc.v2", null), null, "", "",
                Map.of(), null, null);
    }
}
