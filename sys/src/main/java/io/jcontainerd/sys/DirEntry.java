package io.jcontainerd.sys;

import java.util.Optional;

/**
 * One name in a directory as {@code getdents64(2)} returns it: the raw name bytes and the type the
 * entry itself states ({@code d_type}), empty where the file system leaves that to an
 * {@code lstat} (xfs without {@code ftype=1}). Records compare arrays by identity: compare names
 * with {@link java.util.Arrays#equals(byte[], byte[])}.
 */
public record DirEntry(byte[] name, Optional<FileType> type) {
}
