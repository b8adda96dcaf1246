package io.jcontainerd.ctr.commands.version;

import io.jcontainerd.client.ServerVersion;
import io.jcontainerd.ctr.commands.BuildInfo;

/** The two blocks {@code ctr version} prints; the client block names the Java runtime instead of Go. */
final class VersionText {
    private VersionText() {
    }

    static String client(BuildInfo build, String javaVersion) {
        return "Client:\n"
                + "  Version:  " + build.version() + "\n"
                + "  Revision: " + build.revision() + "\n"
                + "  Java version: " + javaVersion + "\n"
                + "\n";
    }

    static String server(ServerVersion server, String uuid) {
        return "Server:\n"
                + "  Version:  " + server.version() + "\n"
                + "  Revision: " + server.revision() + "\n"
                + "  UUID: " + uuid + "\n";
    }
}
