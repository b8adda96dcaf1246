package io.jcontainerd.services.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.runtime.CreateOpts;
import io.jcontainerd.core.runtime.ExecOpts;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.core.types.TypedValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Tasks service's own logic over a fake runtime: which container and options reach the runtime, and upstream's errors. */
class TasksServiceTest {
    private static final String NS = FakeTask.NAMESPACE;
    private static final StdioPaths NO_IO = FakeTask.NO_IO;
    private static final TypedValue SPEC = FakeContainers.SPEC;
    private static final TypedValue RUNC_OPTIONS = new TypedValue("containerd.runc.v1.Options", new byte[] {2});

    private final FakeContainers containers = new FakeContainers();
    private final FakeRuntime runtime = new FakeRuntime();
    private final TasksService service = new TasksService(ns -> containers, runtime);

    private void container(String id) {
        containers.add(id, RUNC_OPTIONS);
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
}
