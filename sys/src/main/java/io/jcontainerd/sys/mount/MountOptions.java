package io.jcontainerd.sys.mount;

import io.jcontainerd.sys.Linux;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A mount's options split as containerd's {@code parseMountOptions} splits them: the words the
 * kernel takes as flags ({@code ro}, {@code rbind}, {@code nosuid}…) and the rest, joined with
 * commas, as the filesystem's data ({@code lowerdir=…,upperdir=…}).
 */
record MountOptions(long flags, String data) {
    private static final long MS_SYNCHRONOUS = 16;
    private static final long MS_MANDLOCK = 64;
    private static final long MS_DIRSYNC = 128;
    private static final long MS_NOATIME = 1024;
    private static final long MS_NODIRATIME = 2048;
    private static final long MS_RELATIME = 1 << 21;
    private static final long MS_STRICTATIME = 1 << 24;

    /** A word that sets a flag, or clears it ({@code rw} clears {@code MS_RDONLY}). */
    private record Flag(boolean clear, long flag) {
    }

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("async", new Flag(true, MS_SYNCHRONOUS)),
            Map.entry("atime", new Flag(true, MS_NOATIME)),
            Map.entry("bind", new Flag(false, Linux.MS_BIND)),
            Map.entry("defaults", new Flag(false, 0)),
            Map.entry("dev", new Flag(true, Linux.MS_NODEV)),
            Map.entry("diratime", new Flag(true, MS_NODIRATIME)),
            Map.entry("dirsync", new Flag(false, MS_DIRSYNC)),
            Map.entry("exec", new Flag(true, Linux.MS_NOEXEC)),
            Map.entry("mand", new Flag(false, MS_MANDLOCK)),
            Map.entry("noatime", new Flag(false, MS_NOATIME)),
            Map.entry("nodev", new Flag(false, Linux.MS_NODEV)),
            Map.entry("nodiratime", new Flag(false, MS_NODIRATIME)),
            Map.entry("noexec", new Flag(false, Linux.MS_NOEXEC)),
            Map.entry("nomand", new Flag(true, MS_MANDLOCK)),
            Map.entry("norelatime", new Flag(true, MS_RELATIME)),
            Map.entry("nostrictatime", new Flag(true, MS_STRICTATIME)),
            Map.entry("nosuid", new Flag(false, Linux.MS_NOSUID)),
            Map.entry("rbind", new Flag(false, Linux.MS_BIND | Linux.MS_REC)),
            Map.entry("relatime", new Flag(false, MS_RELATIME)),
            Map.entry("remount", new Flag(false, Linux.MS_REMOUNT)),
            Map.entry("ro", new Flag(false, Linux.MS_RDONLY)),
            Map.entry("rw", new Flag(true, Linux.MS_RDONLY)),
            Map.entry("strictatime", new Flag(false, MS_STRICTATIME)),
            Map.entry("suid", new Flag(true, Linux.MS_NOSUID)),
            Map.entry("sync", new Flag(false, MS_SYNCHRONOUS)));

    static MountOptions parse(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String option : options) {
            Flag f = FLAGS.get(option);
            if (f != null && f.flag() != 0) {
                flags = f.clear() ? flags & ~f.flag() : flags | f.flag();
            } else if (f == null) {
                data.add(option);
            }
        }
        return new MountOptions(flags, String.join(",", data));
    }

    boolean readOnlyBind() {
        long both = Linux.MS_BIND | Linux.MS_RDONLY;
        return (flags & both) == both;
    }
}
