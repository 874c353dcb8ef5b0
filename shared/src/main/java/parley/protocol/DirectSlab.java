package parley.protocol;

import java.nio.ByteBuffer;

/**
 * Where encoded lines live: in direct memory, carved out of large slabs.
 *
 * <p>Why: a socket write from a heap buffer makes the JDK copy it into a temporary direct buffer first, once
 * per write, so a line broadcast to 100 people was copied 100 times (a profile of the saturate benchmark
 * showed that copy as the largest single cost). A line encoded straight into direct memory is copied once,
 * here, whatever the number of recipients. Slabs, rather than a direct allocation per line, because
 * allocating direct memory is slow; a slab is freed by the garbage collector once no line in it is queued
 * anywhere.
 */
final class DirectSlab {

    private static final int SLAB_BYTES = 256 * 1024;
    /** Lines larger than this get direct memory of their own, so one cannot waste most of a slab. */
    private static final int LARGE_LINE = SLAB_BYTES / 8;

    private ByteBuffer slab;

    /** A read-only direct buffer holding a copy of {@code bytes}. Any thread. */
    synchronized ByteBuffer copyOf(byte[] bytes) {
        int length = bytes.length;
        if (length > LARGE_LINE) {
            return ByteBuffer.allocateDirect(length).put(bytes).flip().asReadOnlyBuffer();
        }
        if (slab == null || slab.remaining() < length) {
            slab = ByteBuffer.allocateDirect(SLAB_BYTES);
        }
        int start = slab.position();
        slab.put(bytes);
        return slab.slice(start, length).asReadOnlyBuffer();
    }
}
