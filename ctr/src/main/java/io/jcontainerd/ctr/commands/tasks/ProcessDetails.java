package io.jcontainerd.ctr.commands.tasks;

import com.google.protobuf.InvalidProtocolBufferException;
import containerd.runc.v1.Oci;
import io.jcontainerd.core.types.TypedValue;

/** The {@code Info} of a process in {@code ListPids}, as ctr prints it with Go's {@code %+v}. */
final class ProcessDetails {
    private static final String RUNC_TYPE = "containerd.runc.v1.ProcessDetails";

    private ProcessDetails() {
    }

    /** {@return runc's details as gogo's generated {@code String()} writes them; other types by their type URL} */
    static String text(TypedValue info) {
        if (info.typeUrl().equals(RUNC_TYPE)) {
            try {
                return "&ProcessDetails{ExecID:" + Oci.ProcessDetails.parseFrom(info.value()).getExecId()
                        + ",XXX_unrecognized:[],}";
            } catch (InvalidProtocolBufferException e) {
                return "-";
            }
        }
        return info.typeUrl();
    }
}
