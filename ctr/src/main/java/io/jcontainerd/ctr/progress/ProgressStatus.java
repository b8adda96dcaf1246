package io.jcontainerd.ctr.progress;

import java.util.Objects;

/**
 * One line of the display (upstream's {@code StatusInfo}).
 *
 * @param ref    the line's name: the reference, or a blob's ref key such as {@code layer-sha256:…}
 * @param state  what is happening to it
 * @param offset bytes moved so far
 * @param total  bytes expected; 0 when unknown
 */
public record ProgressStatus(String ref, State state, long offset, long total) {
    /** The states ctr shows, with the words it prints. */
    public enum State {
        RESOLVING("resolving"), RESOLVED("resolved"), WAITING("waiting"), DOWNLOADING("downloading"),
        UPLOADING("uploading"), COMMITTING("committing"), DONE("done"), EXISTS("exists");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        /** A transfer under way: shown with its byte counts. */
        boolean moving() {
            return this == DOWNLOADING || this == UPLOADING;
        }

        /** Not started: shown with an empty bar. */
        boolean pending() {
            return this == RESOLVING || this == WAITING;
        }
    }

    public ProgressStatus {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(state, "state");
    }

    public static ProgressStatus of(String ref, State state) {
        return new ProgressStatus(ref, state, 0, 0);
    }
}
