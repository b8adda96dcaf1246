package io.jcontainerd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClassWarmUpTest {
    static final AtomicBoolean LISTED_INITIALISED = new AtomicBoolean();

    static final class Listed {
        static {
            LISTED_INITIALISED.set(true);
        }
    }

    static final class FailingInitialiser {
        static {
            if (LISTED_INITIALISED.get()) {
                throw new IllegalStateException("initialiser fails");
            }
        }
    }

    @Test
    void initialisesTheListedClassesAndSkipsNamesThatDoNotLoadOrInitialise() {
        ClassWarmUp.Outcome outcome = ClassWarmUp.initialise(List.of(
                Listed.class.getName(), "", "no.such.Klass", "  java.lang.String  ", FailingInitialiser.class.getName()),
                getClass().getClassLoader());

        assertThat(LISTED_INITIALISED).isTrue();
        assertThat(outcome).isEqualTo(new ClassWarmUp.Outcome(2, 2));
    }
}
