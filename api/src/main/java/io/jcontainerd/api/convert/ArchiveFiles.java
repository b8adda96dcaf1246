package io.jcontainerd.api.convert;

import io.jcontainerd.api.transfer.ArchiveFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code ArchiveFile} a transfer names: a file that the client has and the daemon opens too,
 * identified by path, device and inode so that both are sure to mean the same one.
 */
public final class ArchiveFiles {
    /** The capability of the transfer plugin of a daemon that takes them. */
    public static final String CAPABILITY = "archive-files";
    /** How the daemon's refusal of a file it cannot see begins: the client then streams the archive. */
    public static final String NOT_VISIBLE = "archive file not visible to the daemon";

    private ArchiveFiles() {
    }

    /** {@return the file at {@code path} (symbolic links resolved), as the client names it to the daemon} */
    public static ArchiveFile of(Path path) throws IOException {
        Path real = path.toRealPath();
        Identity identity = identity(real);
        return ArchiveFile.newBuilder().setPath(real.toString()).setDevice(identity.device())
                .setInode(identity.inode()).build();
    }

    /** A regular file's device and inode numbers. */
    public record Identity(long device, long inode) {
    }

    /**
     * {@return the device and inode of the regular file at {@code path}, not following a link there}
     *
     * @throws IOException when there is none, or no regular file
     */
    public static Identity identity(Path path) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,mode", LinkOption.NOFOLLOW_LINKS);
        int fileType = (Integer) attributes.get("mode") & 0170000;
        if (fileType != 0100000) {
            throw new IOException(path + " is not a regular file");
        }
        return new Identity((Long) attributes.get("dev"), (Long) attributes.get("ino"));
    }
}
