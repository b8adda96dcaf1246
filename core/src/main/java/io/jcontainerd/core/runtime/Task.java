package io.jcontainerd.core.runtime;

import io.jcontainerd.core.types.TypedValue;
import java.util.List;
import java.util.Map;

/** A container's running (or created, or exited) task: its init process and what applies to the whole container. */
public interface Task extends RuntimeProcess {
    String namespace();

    /** {@return the init process's pid as the runtime reported it when it created (or reconnected to) the task; asks the runtime nothing} */
    int pid();

    void pause();

    void resume();

    RuntimeProcess exec(String execId, ExecOpts opts);

    /**
     * {@return the exec {@code execId}}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when the task has no such exec
     */
    RuntimeProcess process(String execId);

    List<ProcessInfo> pids();

    void update(TypedValue resources, Map<String, String> annotations);

    /** {@return the task's metrics as the runtime encodes them (cgroups v1 or v2 metrics)} */
    TypedValue stats();
}
