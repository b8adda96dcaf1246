package io.jcontainerd.it.support;

/** How a finished process ended and what it printed (UTF-8). */
public record ProcessResult(int exitCode, String stdout, String stderr) {
    /** {@return the same result with both streams passed through {@code normalizer}} */
    public ProcessResult map(java.util.function.UnaryOperator<String> normalizer) {
        return new ProcessResult(exitCode, normalizer.apply(stdout), normalizer.apply(stderr));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
