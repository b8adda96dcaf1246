package io.jcontainerd.plugins.diff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A layer tar built in a test with commons-compress (an implementation independent of our
 * reader), entry by entry. Entries are root-owned with a fixed mtime unless changed with
 * {@link #with}. Names are kept as given (absolute ones too).
 */
final class Layer {
    static final Instant MTIME = Instant.parse("2020-01-02T03:04:05Z");

    private record Item(TarArchiveEntry entry, byte[] data) {
    }

    private final List<Item> items = new ArrayList<>();

    static Layer tar() {
        return new Layer();
    }

    /** {@return a layer with the entries of {@code layers}, in order} */
    static Layer concat(List<Layer> layers) {
        Layer all = new Layer();
        layers.forEach(l -> all.items.addAll(l.items));
        return all;
    }

    Layer dir(String name, int mode) {
        return add(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true), mode, null);
    }

    Layer file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    Layer file(String name, byte[] content, int mode) {
        return add(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), mode, content);
    }

    Layer symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return add(e, 0777, null);
    }

    Layer link(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return add(e, 0644, null);
    }

    Layer fifo(String name, int mode) {
        return add(new TarArchiveEntry(name, TarConstants.LF_FIFO, true), mode, null);
    }

    Layer charDevice(String name, int major, int minor, int mode) {
        return device(name, TarConstants.LF_CHR, major, minor, mode);
    }

    Layer blockDevice(String name, int major, int minor, int mode) {
        return device(name, TarConstants.LF_BLK, major, minor, mode);
    }

    /** {@code .wh.<base>} next to what it hides. */
    Layer whiteout(String path) {
        int slash = path.lastIndexOf('/');
        return file(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1), new byte[0], 0644);
    }

    Layer opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0644);
    }

    /** Changes the last entry (owner, times, PAX records). */
    Layer with(Consumer<TarArchiveEntry> change) {
        change.accept(items.getLast().entry());
        return this;
    }

    Layer owner(long uid, long gid) {
        return with(e -> {
            e.setUserId(uid);
            e.setGroupId(gid);
        });
    }

    Layer mtime(Instant mtime) {
        return with(e -> e.setLastModifiedTime(FileTime.from(mtime)));
    }

    Layer xattr(String name, String value) {
        return with(e -> e.addPaxHeader("SCHILY.xattr." + name, value));
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                if (item.data() != null) {
                    tar.write(item.data());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    private Layer device(String name, byte type, int major, int minor, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return add(e, mode, null);
    }

    private Layer add(TarArchiveEntry e, int mode, byte[] data) {
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setLastModifiedTime(FileTime.from(MTIME));
        e.setSize(data == null ? 0 : data.length);
        items.add(new Item(e, data));
        return this;
    }
}
