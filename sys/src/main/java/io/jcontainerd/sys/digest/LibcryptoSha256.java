package io.jcontainerd.sys.digest;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.security.MessageDigestSpi;

/** SHA-256 through libcrypto; its state lives in a GC-managed segment. */
final class LibcryptoSha256 extends MessageDigestSpi implements Cloneable {
    static final int DIGEST_BYTES = 32;

    private final Libcrypto crypto;
    private MemorySegment context;

    LibcryptoSha256(Libcrypto crypto) {
        this.crypto = crypto;
        this.context = Arena.ofAuto().allocate(Libcrypto.CONTEXT_BYTES, 8);
        crypto.init(context);
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        update(MemorySegment.ofArray(input).asSlice(offset, len));
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        if (!input.isDirect()) {
            super.engineUpdate(input);
            return;
        }
        update(MemorySegment.ofBuffer(input));
        input.position(input.limit());
    }

    private void update(MemorySegment data) {
        for (long done = 0; done < data.byteSize(); done += Libcrypto.MAX_UPDATE) {
            crypto.update(context, data.asSlice(done, Math.min(Libcrypto.MAX_UPDATE, data.byteSize() - done)));
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] digest = new byte[DIGEST_BYTES];
        crypto.fin(context, MemorySegment.ofArray(digest));
        crypto.init(context);
        return digest;
    }

    @Override
    protected void engineReset() {
        crypto.init(context);
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        LibcryptoSha256 copy = (LibcryptoSha256) super.clone();
        copy.context = Arena.ofAuto().allocate(Libcrypto.CONTEXT_BYTES, 8).copyFrom(context);
        return copy;
    }
}
