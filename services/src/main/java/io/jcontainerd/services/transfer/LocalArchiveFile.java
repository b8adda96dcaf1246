package io.jcontainerd.services.transfer;

import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.api.transfer.ArchiveFile;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An archive in a file the client has open and names by path, device and inode
 * ({@code jcontainerd.types.transfer.ArchiveFile}): the daemon reads or writes it itself, which
 * spares both sides carrying its bytes over the socket. Opened only if what the daemon sees at
 * the path is that same regular file; anything else (another mount namespace, a file replaced
 * since) is refused with FailedPrecondition, and the client streams the archive instead. Reading
 * a file by its name is no more than a client of this socket can do already (it may run
 * containers with the host's root mounted), as for containerd.
 */
public record LocalArchiveFile(Path path, FileChannel channel) implements ArchiveTransport {
    /** Reads of this size keep the tar reader's small reads off the system call path. */
    private static final int READ_BUFFER = 256 << 10;

    /**
     * {@return the client's file, opened for reading or (not truncated, not created) for writing}
     *
     * @throws ErrdefsException INVALID_ARGUMENT for a path that is not absolute; FAILED_PRECONDITION
     *                          ({@value ArchiveFiles#NOT_VISIBLE}…) when the daemon sees no such file there
     */
    public static LocalArchiveFile open(ArchiveFile file, boolean forWriting) {
        Path path = Path.of(file.getPath());
        if (!path.isAbsolute()) {
            throw Errdefs.invalidArgument("archive file " + Errdefs.quote(file.getPath()) + " is not an absolute path");
        }
        try {
            ArchiveFiles.Identity seen = ArchiveFiles.identity(path);
            if (seen.device() != file.getDevice() || seen.inode() != file.getInode()) {
                throw notVisible(path, "another file is at that path");
            }
            FileChannel channel = FileChannel.open(path, forWriting ? StandardOpenOption.WRITE : StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS);
            return new LocalArchiveFile(path, channel);
        } catch (IOException e) {
            throw notVisible(path, e.toString());
        }
    }

    @Override
    public InputStream input() {
        return new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER);
    }

    @Override
    public Optional<ReaderAt> randomAccess() {
        return Optional.of(new ReaderAt() {
            @Override
            public long size() {
                try {
                    return channel.size();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return channel.read(dst, position);
            }

            @Override
            public void close() {
                // the channel closes with the transfer
            }
        });
    }

    @Override
    public OutputStream output() {
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the channel closes with the transfer
            }
        };
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing is buffered in a channel; the file has what was written
        }
    }

    @Override
    public String toString() {
        return "archive file " + path;
    }

    private static ErrdefsException notVisible(Path path, String why) {
        return Errdefs.failedPrecondition(ArchiveFiles.NOT_VISIBLE + ": " + path + ": " + why);
    }
}
