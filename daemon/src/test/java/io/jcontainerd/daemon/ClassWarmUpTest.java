package io.jcontainerd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
    void initialisesTheListedClassesAndSkipsNamesThatDoNotLoadOrInitialise() throws InterruptedException {
        ClassWarmUp.Outcome outcome = ClassWarmUp.initialise(List.of(
                Listed.class.getName(), "", "no.such.Klass", "  java.lang.String  ", FailingInitialiser.class.getName()),
                getClass().getClassLoader(), () -> { });

        assertThat(LISTED_INITIALISED).isTrue();
        assertThat(outcome).isEqualTo(new ClassWarmUp.Outcome(2, 2));
    }

    @Test
    void eachBatchWaitsForALullFirst() throws InterruptedException {
        List<String> names = Collections.nCopies(ClassWarmUp.BATCH + 1, "java.lang.String");
        AtomicInteger lulls = new AtomicInteger();

        ClassWarmUp.Outcome outcome = ClassWarmUp.initialise(names, getClass().getClassLoader(), lulls::incrementAndGet);

        assertThat(lulls).hasValue(2);
        assertThat(outcome.initialised()).isEqualTo(ClassWarmUp.BATCH + 1);
    }
}
