package io.jcontainerd.daemon.config;

import java.util.Map;
import java.util.TreeMap;

/** {@code [timeouts]}: named timeouts in Go duration syntax, with containerd's defaults. */
public final class Timeouts {
    private Timeouts() {
    }

    public static Map<String, String> defaults() {
        Map<String, String> t = new TreeMap<>();
        t.put("io.containerd.timeout.bolt.open", "0s");
        t.put("io.containerd.timeout.shim.cleanup", "5s");
        t.put("io.containerd.timeout.shim.load", "5s");
        t.put("io.containerd.timeout.shim.shutdown", "3s");
        t.put("io.containerd.timeout.task.state", "2s");
        return t;
    }
}
