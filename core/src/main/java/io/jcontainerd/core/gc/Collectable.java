package io.jcontainerd.core.gc;

/** What the {@link GcScheduler} drives: a store that can collect its garbage and tells when it changes. */
public interface Collectable {
    /** Runs one full collection. */
    GcStats collect();

    /** Registers {@code listener} to hear of every committed change; {@code dirty} when it removed references. */
    void onMutation(MutationListener listener);

    @FunctionalInterface
    interface MutationListener {
        void mutated(boolean dirty);
    }
}
