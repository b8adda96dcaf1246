package io.jcontainerd.plugins.content.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.DigestAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCheckpointsTest {
    @TempDir
    Path dir;
    final DigestCheckpoints checkpoints = new DigestCheckpoints();

    private BasicFileAttributes attrs(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    @Test
    void a_checkpoint_of_an_untouched_file_is_taken_once() throws IOException {
        Path data = Files.write(dir.resolve("data"), new byte[10]);
        MessageDigest state = DigestAlgorithm.SHA256.newMessageDigest();
        checkpoints.save(data, state, 10);
        assertThat(checkpoints.take(data, attrs(data))).containsSame(state);
        assertThat(checkpoints.take(data, attrs(data))).isEmpty();
    }

    @Test
    void a_file_changed_since_the_checkpoint_is_not_trusted() throws IOException {
        Path data = Files.write(dir.resolve("data"), new byte[10]);
        checkpoints.save(data, DigestAlgorithm.SHA256.newMessageDigest(), 10);
        Files.write(data, new byte[1], StandardOpenOption.APPEND);
        assertThat(checkpoints.take(data, attrs(data))).isEmpty();

        checkpoints.save(data, DigestAlgorithm.SHA256.newMessageDigest(), 11);
        Files.setLastModifiedTime(data, FileTime.fromMillis(0));
        assertThat(checkpoints.take(data, attrs(data))).isEmpty();

        checkpoints.save(data, DigestAlgorithm.SHA256.newMessageDigest(), 11);
        checkpoints.forget(data);
        assertThat(checkpoints.take(data, attrs(data))).isEmpty();
    }
}
