package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.TreeRemover;
import java.util.function.Predicate;

/**
 * Whiteouts on a directory that holds the whole merged tree (the native snapshotter, a temporary
 * mount): the hidden paths are deleted. An opaque marker deletes what the directory held before
 * this layer but keeps what this layer already unpacked into it, since the marker may come after
 * its siblings in the tar.
 */
record DeletingWhiteouts(TreeRemover remover, Predicate<RawPath> unpackedByThisLayer) implements Whiteouts {

    @Override
    public void whiteout(RawPath target, TarEntry entry) throws SyscallException {
        remover.removeAll(target);
    }

    @Override
    public void opaque(RawPath dir) throws SyscallException {
        remover.removeChildren(dir, unpackedByThisLayer);
    }
}
