package io.jcontainerd.shim;

/**
 * The JVM's command line from the launcher: containerd's flags ({@code -namespace -address -id},
 * others accepted) plus {@code -socket} (where the group's shim listens), then the action.
 */
record ShimFlags(String namespace, String address, String id, String socket, String action) {

    static ShimFlags parse(String[] args) {
        String namespace = "";
        String address = "";
        String id = "";
        String socket = "";
        String action = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].startsWith("--") ? args[i].substring(1) : args[i];
            switch (arg) {
                case "-namespace" -> namespace = value(args, ++i);
                case "-address" -> address = value(args, ++i);
                case "-publish-binary", "-bundle" -> value(args, ++i); // the launcher's business
                case "-id" -> id = value(args, ++i);
                case "-socket" -> socket = value(args, ++i);
                case "-debug" -> {
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("flag provided but not defined: " + arg);
                    }
                    action = arg;
                }
            }
        }
        if (namespace.isEmpty()) {
            throw new IllegalArgumentException("shim namespace cannot be empty");
        }
        return new ShimFlags(namespace, address, id, socket, action);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("flag needs an argument: " + args[i - 1]);
        }
        return args[i];
    }
}
