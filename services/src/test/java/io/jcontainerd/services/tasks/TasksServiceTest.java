package io.jcontainerd.services.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.ContainerStore;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.PlatformRuntime;
import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.core.runtime.RuntimeProcess;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.Task;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Tasks service's own logic over a fake runtime: which container and options reach the runtime, and upstream's errors. */
class TasksServiceTest {
    private static final String NS = "test";
    private static final StdioPaths NO_IO = new StdioPaths("", "", "", false);
    private static final TypedValue SPEC = new TypedValue("types.containerd.io/opencontainers/runtime-spec/1/Spec", new byte[] {1});
    private static final TypedValue RUNC_OPTIONS = new TypedValue("containerd.runc.v1.Options", new byte[] {2});

    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final FakeRuntime runtime = new FakeRuntime();
    private final TasksService service = new TasksService(ns -> new Store(), runtime);

    private void container(String id) {
        containers.put(id, new Container(id, Map.of(), "img", new Container.Runtime("io.containerd.runc.v2", RUNC_OPTIONS),
                SPEC, "overlayfs", id, Map.of(), null, null));
    }

    @Test
    void createAnswersThePidTheRuntimeCreatedTheTaskWithAndAsksNoState() {
        container("c1");
        runtime.onCreate = task -> task.state = () -> {
            throw new AssertionError("create asked the shim for State");
        };

        assertThat(service.create(NS, "c1", List.of(), NO_IO, null, "", false)).isEqualTo(43);
    }

    @Test
    void createHandsTheRuntimeTheContainersSpecRuntimeAndOptions() {
        container("c1");
        TypedValue taskOptions = new TypedValue("x", new byte[] {3});

        int pid = service.create(NS, "c1", List.of(), new StdioPaths("in", "out", "err", true), taskOptions, "", false);

        assertThat(pid).isEqualTo(43);
        CreateOpts opts = runtime.created.getFirst();
        assertThat(opts.spec()).isEqualTo(SPEC);
        assertThat(opts.runtime()).isEqualTo("io.containerd.runc.v2");
        assertThat(opts.runtimeOptions()).isEqualTo(RUNC_OPTIONS);
        assertThat(opts.taskOptions()).isEqualTo(taskOptions);
        assertThat(opts.io()).isEqualTo(new StdioPaths("in", "out", "err", true));
    }

    @Test
    void aRuntimePathInTheRequestOverridesTheContainersRuntime() {
        container("c1");

        service.create(NS, "c1", List.of(), NO_IO, null, "/opt/shim", false);

        assertThat(runtime.created.getFirst().runtime()).isEqualTo("/opt/shim");
    }

    @Test
    void aSecondCreateIsAlreadyExists() {
        container("c1");
        service.create(NS, "c1", List.of(), NO_IO, null, "", false);

        assertThatThrownBy(() -> service.create(NS, "c1", List.of(), NO_IO, null, "", false))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS))
                .hasMessage("task c1: already exists");
    }

    @Test
    void aContainerWithoutATaskIsNotFoundInUpstreamsWords() {
        container("c1");

        assertThatThrownBy(() -> service.kill(NS, "c1", "", 9, false))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessage("task c1 not found");
    }

    @Test
    void anExecNeedsAnId() {
        container("c1");
        service.create(NS, "c1", List.of(), NO_IO, null, "", false);

        assertThatThrownBy(() -> service.exec(NS, "c1", "", new ExecOpts(null, NO_IO)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("exec id cannot be empty");
    }

    @Test
    void listLeavesOutTasksThatAreGoneAndShowsOthersThatFailAsUnknown() {
        for (String id : List.of("gone", "broken", "fine")) {
            container(id);
            service.create(NS, id, List.of(), NO_IO, null, "", false);
        }
        runtime.tasks.get("gone").state = () -> {
            throw Errdefs.notFound("task gone");
        };
        runtime.tasks.get("broken").state = () -> {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "ttrpc: closed");
        };

        List<ProcessView> listed = service.list(NS);

        assertThat(listed).extracting(ProcessView::id).containsExactly("broken", "fine");
        assertThat(listed.get(0).state().status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(listed.get(1).state().status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void metricsFollowTheFilters() {
        for (String id : List.of("a", "b")) {
            container(id);
            service.create(NS, id, List.of(), NO_IO, null, "", false);
        }

        assertThat(service.metrics(NS, List.of("id==b"))).extracting(Metric::id).containsExactly("b");
        assertThat(service.metrics(NS, List.of())).extracting(Metric::id).containsExactly("a", "b");
    }

    private final class Store implements ContainerStore {
        @Override
        public Container get(String id) {
            Container c = containers.get(id);
            if (c == null) {
                throw Errdefs.notFound("container " + Errdefs.quote(id) + " in namespace " + Errdefs.quote(NS));
            }
            return c;
        }

        @Override
        public List<Container> list(List<String> filters) {
            return List.copyOf(containers.values());
        }

        @Override
        public Container create(Container container) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Container update(Container container, List<String> fieldpaths) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String id) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class FakeRuntime implements PlatformRuntime {
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

    private static final class FakeTask implements Task {
        private final String id;
        Supplier<State> state = () -> new State(42, TaskStatus.RUNNING, NO_IO, 0, Instant.EPOCH);

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
            return NS;
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
            return new Exit(42, 0, Instant.EPOCH);
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
}
