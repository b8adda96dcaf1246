package io.jcontainerd.services.tasks;

import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.core.runtime.RuntimeProcess;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.Task;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A running task with pid 43 whose answers a test may replace. */
final class FakeTask implements Task {
    static final String NAMESPACE = "test";
    static final StdioPaths NO_IO = new StdioPaths("", "", "", false);

    private final String id;
    Supplier<State> state = () -> new State(42, TaskStatus.RUNNING, NO_IO, 0, Instant.EPOCH);
    Supplier<Exit> exit = () -> new Exit(42, 0, Instant.EPOCH);

    FakeTask(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public State state() {
        return state.get();
    }

    @Override
    public int pid() {
        return 43;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public TypedValue stats() {
        return new TypedValue("io.containerd.cgroups.v1.Metrics", new byte[0]);
    }

    @Override
    public int start() {
        return 42;
    }

    @Override
    public void kill(int signal, boolean all) {
    }

    @Override
    public void resizePty(int width, int height) {
    }

    @Override
    public void closeIo() {
    }

    @Override
    public Exit waitExit() {
        return exit.get();
    }

    @Override
    public Exit delete() {
        return waitExit();
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public RuntimeProcess exec(String execId, ExecOpts opts) {
        return this;
    }

    @Override
    public RuntimeProcess process(String execId) {
        return this;
    }

    @Override
    public List<ProcessInfo> pids() {
        return List.of();
    }

    @Override
    public void update(TypedValue resources, Map<String, String> annotations) {
    }
}
