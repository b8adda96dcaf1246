package io.jcontainerd.services.tasks;

import io.jcontainerd.core.runtime.State;

/** A process as the Tasks API reports it: its ID (the container's for the init process, else the exec ID) and state. */
record ProcessView(String id, State state) {
}
