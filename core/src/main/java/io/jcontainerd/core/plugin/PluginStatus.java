package io.jcontainerd.core.plugin;

/** Outcome of a plugin's initialisation as {@code ctr plugins ls} prints it. */
public enum PluginStatus {
    OK("ok"),
    SKIP("skip"),
    ERROR("error");

    private final String text;

    PluginStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
