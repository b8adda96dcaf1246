package io.jcontainerd.core.events;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.identifiers.Identifiers;

/** containerd's topic rule: {@code /} followed by one or more identifiers joined by {@code /}. */
final class Topics {
    private Topics() {
    }

    /** @throws ErrdefsException INVALID_ARGUMENT worded like upstream, {@code envelope topic "x": must start with '/': invalid argument} */
    static void validate(String topic) {
        String context = "envelope topic " + Errdefs.quote(topic);
        if (topic.isEmpty()) {
            throw Errdefs.invalidArgument(context + ": must not be empty");
        }
        if (topic.charAt(0) != '/') {
            throw Errdefs.invalidArgument(context + ": must start with '/'");
        }
        if (topic.length() == 1) {
            throw Errdefs.invalidArgument(context + ": must have at least one component");
        }
        // split with limit -1 keeps empty components ("/a//b", "/a/"), which fail like upstream's
        for (String component : topic.substring(1).split("/", -1)) {
            try {
                Identifiers.validate(component);
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), context + ": failed validation on component "
                        + Errdefs.quote(component) + ": " + e.getMessage(), e);
            }
        }
    }
}
