package io.jcontainerd.services.tasks;

import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.PlatformRuntime;
import io.jcontainerd.core.runtime.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A runtime that keeps its tasks in a map; its {@link #onCreate} lets a test shape each new task. */
final class FakeRuntime implements PlatformRuntime {
    final List<CreateOpts> created = new ArrayList<>();
    final Map<String, FakeTask> tasks = new LinkedHashMap<>();
    Consumer<FakeTask> onCreate = task -> { };

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Task create(String namespace, String id, CreateOpts opts) {
        created.add(opts);
        FakeTask task = new FakeTask(id);
        onCreate.accept(task);
        tasks.put(id, task);
        return task;
    }

    @Override
    public Optional<Task> get(String namespace, String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public List<Task> tasks(String namespace) {
        return List.copyOf(tasks.values());
    }

    @Override
    public Exit delete(String namespace, String id) {
        tasks.remove(id);
        return new Exit(42, 0, Instant.EPOCH);
    }
}

