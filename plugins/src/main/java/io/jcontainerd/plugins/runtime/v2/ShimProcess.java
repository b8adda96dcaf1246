package io.jcontainerd.plugins.runtime.v2;

import com.google.protobuf.Empty;
import containerd.task.v2.Shim.CloseIORequest;
import containerd.task.v2.Shim.DeleteRequest;
import containerd.task.v2.Shim.DeleteResponse;
import containerd.task.v2.Shim.KillRequest;
import containerd.task.v2.Shim.ResizePtyRequest;
import containerd.task.v2.Shim.StartRequest;
import containerd.task.v2.Shim.StartResponse;
import containerd.task.v2.Shim.StateRequest;
import containerd.task.v2.Shim.StateResponse;
import containerd.task.v2.Shim.WaitRequest;
import containerd.task.v2.Shim.WaitResponse;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.runtime.Exit;
import io.jcontainerd.core.runtime.RuntimeProcess;
import io.jcontainerd.core.runtime.State;
import io.jcontainerd.core.runtime.StdioPaths;

/**
 * A process of a task, addressed in the shim by the task's ID and an exec ID (empty for the init
 * process), as containerd's {@code runtime/v2} process.
 */
class ShimProcess implements RuntimeProcess {
    final ShimConnection shim;
    final ShimTimeouts timeouts;
    final String taskId;
    final String execId;

    ShimProcess(ShimConnection shim, ShimTimeouts timeouts, String taskId, String execId) {
        this.shim = shim;
        this.timeouts = timeouts;
        this.taskId = taskId;
        this.execId = execId;
    }

    @Override
    public String id() {
        return execId.isEmpty() ? taskId : execId;
    }

    /** @throws ErrdefsException NOT_FOUND as well when the shim is gone, as upstream */
    @Override
    public State state() {
        StateResponse r;
        try {
            r = shim.call("State", StateRequest.newBuilder().setId(taskId).setExecId(execId).build(),
                    StateResponse.parser(), timeouts.state());
        } catch (ErrdefsException e) {
            if (ShimConnection.isClosed(e)) {
                throw Errdefs.notFound("task " + taskId);
            }
            throw e;
        }
        return new State(r.getPid(), ShimProtos.status(r.getStatus()),
                new StdioPaths(r.getStdin(), r.getStdout(), r.getStderr(), r.getTerminal()),
                r.getExitStatus(), ShimProtos.instant(r.getExitedAt()));
    }

    @Override
    public int start() {
        return shim.call("Start", StartRequest.newBuilder().setId(taskId).setExecId(execId).build(),
                StartResponse.parser()).getPid();
    }

    @Override
    public void kill(int signal, boolean all) {
        shim.call("Kill", KillRequest.newBuilder().setId(taskId).setExecId(execId).setSignal(signal).setAll(all).build(),
                Empty.parser());
    }

    @Override
    public void resizePty(int width, int height) {
        shim.call("ResizePty", ResizePtyRequest.newBuilder().setId(taskId).setExecId(execId)
                .setWidth(width).setHeight(height).build(), Empty.parser());
    }

    @Override
    public void closeIo() {
        shim.call("CloseIO", CloseIORequest.newBuilder().setId(taskId).setExecId(execId).setStdin(true).build(),
                Empty.parser());
    }

    @Override
    public Exit waitExit() {
        WaitResponse r = shim.call("Wait", WaitRequest.newBuilder().setId(taskId).setExecId(execId).build(),
                WaitResponse.parser());
        return new Exit(0, r.getExitStatus(), ShimProtos.instant(r.getExitedAt()));
    }

    /** For the init process this is only the shim's Delete call; the runtime then shuts the shim down. */
    @Override
    public Exit delete() {
        DeleteResponse r = shim.call("Delete", DeleteRequest.newBuilder().setId(taskId).setExecId(execId).build(),
                DeleteResponse.parser());
        return new Exit(r.getPid(), r.getExitStatus(), ShimProtos.instant(r.getExitedAt()));
    }
}
