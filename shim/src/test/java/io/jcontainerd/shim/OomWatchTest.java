package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.ReadableWatch;
import io.jcontainerd.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cgroup v2's OOM reporting against a cgroup tree of plain files (inotify sees their writes as it
 * sees the kernel's): a rise of {@code oom_kill} is one OOM, other changes are none, and the watch
 * ends when the cgroup is empty. (v1's eventfd needs a real memory cgroup: JruncShimIT.)
 */
class OomWatchTest {
    private static final Syscalls SYS = new LinuxSyscalls();

    @TempDir
    Path root;

    private static void events(Path cgroup, long oom, long oomKill) throws Exception {
        Files.writeString(cgroup.resolve("memory.events"),
                "low 0\nhigh 0\nmax 3\noom " + oom + "\noom_kill " + oomKill + "\noom_group_kill 0\n");
    }

    @Test
    void aRiseOfOomKillIsOneOomAndTheWatchEndsWhenTheCgroupEmpties() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Path cgroup = Files.createDirectories(root.resolve("default/web"));
        events(cgroup, 0, 0);
        Files.writeString(cgroup.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        BlockingQueue<String> ooms = new LinkedBlockingQueue<>();
        OomWatch watch = new OomWatch(SYS, new ReadableWatch(SYS), root, ooms::add);
        watch.add("web", "/default/web");

        events(cgroup, 1, 1);
        assertThat(ooms.poll(10, TimeUnit.SECONDS)).isEqualTo("web");
        events(cgroup, 2, 1); // "max" and "oom" moved, no process killed
        assertThat(ooms.poll(300, TimeUnit.MILLISECONDS)).isNull();
        events(cgroup, 3, 2);
        assertThat(ooms.poll(10, TimeUnit.SECONDS)).isEqualTo("web");

        Files.writeString(cgroup.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
        events(cgroup, 3, 2);
        Thread.sleep(300); // the watch read the empty cgroup and ended
        events(cgroup, 4, 3);
        assertThat(ooms.poll(300, TimeUnit.MILLISECONDS)).as("no longer watched").isNull();
    }

    @Test
    void aCgroupWithoutMemoryEventsIsNotWatched() throws Exception {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu pids\n");
        Files.createDirectories(root.resolve("default/web"));
        BlockingQueue<String> ooms = new LinkedBlockingQueue<>();
        new OomWatch(SYS, new ReadableWatch(SYS), root, ooms::add).add("web", "/default/web");
        assertThat(ooms).isEmpty();
    }
}
