package io.jcontainerd.plugins.diff;

import io.jcontainerd.sys.Linux;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.SyscallException;
import io.jcontainerd.sys.Syscalls;
import io.jcontainerd.sys.TreeRemover;

/**
 * Whiteouts on an overlayfs upper directory, in overlayfs' own terms: a whiteout is a character
 * device 0/0 named like the hidden file, an opaque directory carries
 * {@code trusted.overlay.opaque=y}. (Only this class writes {@code trusted.*}: the layer's own
 * {@code trusted.*} xattrs are refused.)
 */
record OverlayWhiteouts(Syscalls sys, TreeRemover remover, boolean sameOwner) implements Whiteouts {
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    /**
     * Upstream's mknod fails when the layer itself put something at that name earlier; here the
     * whiteout replaces it, which is what applying onto a plain directory does too.
     */
    @Override
    public void whiteout(RawPath target, TarEntry entry) throws SyscallException {
        remover.removeAll(target);
        sys.mknod(target, Linux.S_IFCHR, 0);
        if (sameOwner) {
            sys.lchown(target, entry.uid(), entry.gid());
        }
    }

    @Override
    public void opaque(RawPath dir) throws SyscallException {
        sys.lsetxattr(dir, OPAQUE_XATTR, new byte[] {'y'}, 0);
    }
}
