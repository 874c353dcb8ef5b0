package parley.output;

import java.nio.ByteBuffer;

/**
 * One fixed-size block (of either of the pool's size classes) of direct memory in an {@link OutputBuffer}: bytes {@code [readIndex, writeIndex)} are
 * waiting to be written. Every field but the buffers is guarded by the lock of the buffer holding the chunk.
 */
final class Chunk {

    /** The producer's view: written with absolute puts only, so its position and limit never move. */
    final ByteBuffer filling;
    /** The writer's view of the same memory: position and limit are set for each socket write. */
    final ByteBuffer draining;
    int readIndex;
    int writeIndex;
    /** The next chunk of the same buffer, or the next free chunk in the pool. */
    Chunk next;

    Chunk(int bytes) {
        this.filling = ByteBuffer.allocateDirect(bytes);
        this.draining = filling.duplicate();
    }

    int capacity() {
        return filling.capacity();
    }

    int free() {
        return filling.capacity() - writeIndex;
    }

    boolean drained() {
        return readIndex == writeIndex;
    }

    /** Ready for the free list: nothing written, nothing to read, linked to nothing. */
    void reset() {
        readIndex = 0;
        writeIndex = 0;
        next = null;
    }
}
