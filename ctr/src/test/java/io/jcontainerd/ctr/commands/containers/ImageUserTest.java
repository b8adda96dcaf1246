package io.jcontainerd.ctr.commands.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageUserTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            app:x:1000:1001::/home/app:/bin/sh
            99999999999999999999:x:0:0::/:/bin/sh
            4294967296:x:0:0::/:/bin/sh
            wraps:x:4294967296:0::/:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            app:x:1001:
            wrapping:x:4294967296:
            """;
    private final RootfsFiles rootfs = new RootfsFiles(PASSWD, GROUP);

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "4294967296", "4294967296:0", "0:4294967296", "-1", "1000:-1",
            "99999999999999999999", "99999999999999999999:0", "app:4294967296"})
    void aNumberOutOfRangeIsInvalidAndNeverLookedUpAsAName(String user) {
        assertThatThrownBy(() -> ImageUser.resolve(user, rootfs)).isInstanceOfSatisfying(ErrdefsException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("invalid USER value " + user, "out of range [0, 2147483647]");
                });
    }

    @Test
    void theLargestIdsAreAccepted() {
        assertThat(ImageUser.resolve("2147483647:2147483647", rootfs)).isEqualTo(new ImageUser(2147483647, 2147483647,
                java.util.Optional.empty()));
    }

    @Test
    void namesAndNumbersInRangeResolveAsBefore() {
        assertThat(ImageUser.resolve("app", rootfs)).extracting(ImageUser::uid, ImageUser::gid).containsExactly(1000L, 1001L);
        assertThat(ImageUser.resolve("1000", rootfs)).extracting(ImageUser::uid, ImageUser::gid).containsExactly(1000L, 1001L);
        assertThat(ImageUser.resolve("app:app", rootfs)).extracting(ImageUser::uid, ImageUser::gid).containsExactly(1000L, 1001L);
        assertThat(ImageUser.resolve("+5:7", rootfs)).extracting(ImageUser::uid, ImageUser::gid).containsExactly(5L, 7L);
        assertThat(ImageUser.resolve("+1000", rootfs)).as("a number is looked up as the number it is")
                .extracting(ImageUser::uid, ImageUser::gid).containsExactly(1000L, 1001L);
    }

    @Test
    void anIdOutOfRangeInTheImagesFilesIsInvalid() {
        assertThatThrownBy(() -> ImageUser.resolve("wraps", rootfs)).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e).hasMessageContaining("\"4294967296\" in the image's /etc/passwd")
                        .extracting(ErrdefsException::kind).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThatThrownBy(() -> ImageUser.resolve("app:wrapping", rootfs)).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e).hasMessageContaining("\"4294967296\" in the image's /etc/group")
                        .extracting(ErrdefsException::kind).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void aUserDatabaseOverTenMebibytesIsRefused(@TempDir Path root) throws IOException {
        Path etc = Files.createDirectory(root.resolve("etc"));
        byte[] line = "x:x:1:1::/:/bin/sh\n".getBytes();
        byte[] big = new byte[RootfsFiles.MAX_FILE_BYTES + 1];
        for (int i = 0; i < big.length; i++) {
            big[i] = line[i % line.length];
        }
        Files.write(etc.resolve("passwd"), big);
        assertThatThrownBy(() -> RootfsFiles.read(root, "passwd")).isInstanceOfSatisfying(ErrdefsException.class,
                e -> assertThat(e).hasMessage("the image's /etc/passwd is larger than 10 MiB: invalid argument"));
        Files.write(etc.resolve("passwd"), java.util.Arrays.copyOf(big, RootfsFiles.MAX_FILE_BYTES));
        assertThat(RootfsFiles.read(root, "passwd")).hasSize(RootfsFiles.MAX_FILE_BYTES);
    }

    @Test
    void aUserDatabaseThatIsNotARegularFileIsAbsent(@TempDir Path root) throws IOException, InterruptedException {
        Path etc = Files.createDirectory(root.resolve("etc"));
        Files.createDirectory(etc.resolve("passwd"));
        Files.createSymbolicLink(etc.resolve("group"), Path.of("/dev/zero"));
        assertThat(RootfsFiles.read(root, "passwd")).isNull();
        assertThat(RootfsFiles.read(root, "group")).isNull();
        Files.delete(etc.resolve("passwd"));
        assertThat(new ProcessBuilder("mkfifo", etc.resolve("passwd").toString()).start().waitFor()).isZero();
        assertThat(RootfsFiles.read(root, "passwd")).as("a FIFO is not opened, so nothing waits for a writer").isNull();
    }
}
