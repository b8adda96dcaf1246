package io.jcontainerd.shim;

/**
 * The shim's command line, containerd's flags ({@code -namespace -address -publish-binary -id
 * [-debug] [-bundle]}) plus ours ({@code -socket}: where a group's shim listens), then the action.
 */
record ShimFlags(String namespace, String address, String publishBinary, String id, String bundle, String socket,
        boolean debug, String action) {

    static ShimFlags parse(String[] args) {
        String namespace = "";
        String address = "";
        String publishBinary = "";
        String id = "";
        String bundle = "";
        String socket = "";
        boolean debug = false;
        String action = "";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i].startsWith("--") ? args[i].substring(1) : args[i];
            switch (arg) {
                case "-namespace" -> namespace = value(args, ++i);
                case "-address" -> address = value(args, ++i);
                case "-publish-binary" -> publishBinary = value(args, ++i);
                case "-id" -> id = value(args, ++i);
                case "-bundle" -> bundle = value(args, ++i);
                case "-socket" -> socket = value(args, ++i);
                case "-debug" -> debug = true;
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
        return new ShimFlags(namespace, address, publishBinary, id, bundle, socket, debug, action);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("flag needs an argument: " + args[i - 1]);
        }
        return args[i];
    }
}
