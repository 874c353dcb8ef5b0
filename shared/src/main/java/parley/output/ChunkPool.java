package parley.output;

/**
 * The chunks every connection's output is made of, kept and reused: a written chunk comes back here at once,
 * and the next line that needs one takes it. Two size classes share one budget: {@linkplain #take big chunks}
 * for everything queued, and, when there is a small class, {@linkplain #takeSmall small ones} for the one line
 * an empty buffer is given (see {@link OutputMemory} for the sizes and why).
 *
 * <p>The pool never hands a chunk to the garbage collector, and never allocates past its budget. Why: a
 * direct buffer dropped to the collector still counts against {@code -XX:MaxDirectMemorySize} until a
 * collection happens to free it, and {@code ByteBuffer.allocateDirect} near that limit calls
 * {@code System.gc()} and sleeps (up to about half a second) before it gives up with an
 * {@code OutOfMemoryError}, while the caller, here the core with its lock held, waits. Kept chunks make
 * {@code allocateDirect} a plain allocation, reached only while the pool grows towards a budget that the
 * server keeps well under that limit.
 *
 * <p>Kept, but not for ever: a burst (a reconnect storm, a big room's welcome) can take thousands of chunks at
 * once, and a pool that kept its high-water mark would hold that memory while the server sat idle. So
 * {@link #trim} lets go of free chunks of either class beyond what the last few seconds needed, for the
 * collector to free. It does so only while the JVM's reserved direct memory (the chunks let go of but not yet
 * collected included) is within the budget: with the budget at most half the JVM's limit, reserved memory then
 * never passes the limit, and {@code allocateDirect} never has to wait for a collection. The one other way a
 * chunk is let go of: when the budget is all allocated and one class is out of free chunks, free chunks of the
 * other class make room for it, rather than a connection being closed while memory sits unused.
 */
final class ChunkPool {

    /** The chunks of one size: a free stack linked through {@link Chunk#next} (no node per push), and counts. */
    private static final class SizeClass {
        final int bytes;
        Chunk free;
        int freeCount;
        int allocated;
        /** The most chunks in use at once since the last {@link #takePeak}. */
        int peakInUse;

        SizeClass(int bytes) {
            this.bytes = bytes;
        }

        int inUse() {
            return allocated - freeCount;
        }
    }

    private final long budgetBytes;
    private final SizeClass big;
    /** Null when the pool has one size only. */
    private final SizeClass small;
    /** Bytes of every chunk allocated, in use or free, both classes. Guarded by this. */
    private long allocatedBytes;

    /**
     * @param smallBytes the small class's chunk size, or 0 for none
     */
    ChunkPool(int smallBytes, int chunkBytes, long budgetBytes) {
        if (chunkBytes < 1 || budgetBytes < chunkBytes) {
            throw new IllegalArgumentException("a budget of " + budgetBytes + " bytes cannot hold a chunk of "
                    + chunkBytes);
        }
        if (smallBytes < 0 || smallBytes >= chunkBytes) {
            throw new IllegalArgumentException("a small chunk of " + smallBytes + " bytes is not smaller than "
                    + chunkBytes);
        }
        this.budgetBytes = budgetBytes / chunkBytes * chunkBytes;
        this.big = new SizeClass(chunkBytes);
        this.small = smallBytes == 0 ? null : new SizeClass(smallBytes);
    }

    /**
     * {@code count} empty big chunks linked through {@link Chunk#next}, or null (and nothing taken) when that
     * many would take the chunks in use past the budget.
     */
    synchronized Chunk take(int count) {
        return take(big, small, count);
    }

    /** One empty small chunk, or null when it would take the chunks in use past the budget (or there is no small class). */
    synchronized Chunk takeSmall() {
        return small == null ? null : take(small, big, 1);
    }

    private Chunk take(SizeClass from, SizeClass other, int count) {
        int missing = count - from.freeCount;
        if (missing > 0) {
            long wanted = (long) missing * from.bytes;
            long otherFree = other == null ? 0 : (long) other.freeCount * other.bytes;
            if (wanted > budgetBytes - allocatedBytes + otherFree) {
                return null;
            }
            while (wanted > budgetBytes - allocatedBytes) { // the other class's free chunks make room
                letGo(other);
            }
        }
        Chunk run = null;
        for (int i = 0; i < count; i++) {
            Chunk c;
            if (from.free != null) {
                c = from.free;
                from.free = c.next;
                from.freeCount--;
            } else {
                c = new Chunk(from.bytes);
                from.allocated++;
                allocatedBytes += from.bytes;
            }
            c.next = run;
            run = c;
        }
        from.peakInUse = Math.max(from.peakInUse, from.inUse());
        return run;
    }

    /** Drops one free chunk of {@code c} for the collector. */
    private void letGo(SizeClass c) {
        Chunk dropped = c.free;
        c.free = dropped.next;
        dropped.next = null;
        c.freeCount--;
        c.allocated--;
        allocatedBytes -= c.bytes;
    }

    /** Takes back one chunk no buffer refers to any more, into the class of its size. */
    synchronized void give(Chunk chunk) {
        SizeClass c = small != null && chunk.capacity() == small.bytes ? small : big;
        chunk.reset();
        chunk.next = c.free;
        c.free = chunk;
        c.freeCount++;
    }

    /** The most chunks of a class in use at once since the last call; starts the next count from those in use now. */
    synchronized int takePeak(boolean ofSmall) {
        SizeClass c = ofSmall ? small : big;
        if (c == null) {
            return 0;
        }
        int peak = c.peakInUse;
        c.peakInUse = c.inUse();
        return peak;
    }

    /**
     * Lets go of free chunks, for the collector, while more than {@code keepBig} big and {@code keepSmall} small
     * ones are allocated and what the JVM would then hold in direct memory beyond this pool's chunks (chunks let
     * go of but not yet collected, the JDK's own buffers) stays within the budget.
     *
     * @param reservedDirectBytes the JVM's reserved direct memory now, garbage included
     */
    synchronized void trim(int keepBig, int keepSmall, long reservedDirectBytes) {
        trim(big, keepBig, reservedDirectBytes);
        if (small != null) {
            trim(small, keepSmall, reservedDirectBytes);
        }
    }

    private void trim(SizeClass c, int keep, long reservedDirectBytes) {
        while (c.allocated > keep && c.free != null
                && reservedDirectBytes - (allocatedBytes - c.bytes) <= budgetBytes) {
            letGo(c);
        }
    }

    int chunkBytes() {
        return big.bytes;
    }

    /** The small class's chunk size, or 0 when there is none. */
    int smallBytes() {
        return small == null ? 0 : small.bytes;
    }

    synchronized long allocatedBytes() {
        return allocatedBytes;
    }

    synchronized long inUseBytes() {
        return allocatedBytes - freeBytes(big) - (small == null ? 0 : freeBytes(small));
    }

    /** Bytes that could be taken now without going past the budget: free chunks and what is not allocated. */
    synchronized long availableBytes() {
        return budgetBytes - inUseBytes();
    }

    /** Chunks of a class allocated (in use or free). */
    synchronized int allocatedChunks(boolean ofSmall) {
        SizeClass c = ofSmall ? small : big;
        return c == null ? 0 : c.allocated;
    }

    /** Chunks of a class in use by buffers now. */
    synchronized int chunksInUse(boolean ofSmall) {
        SizeClass c = ofSmall ? small : big;
        return c == null ? 0 : c.inUse();
    }

    private static long freeBytes(SizeClass c) {
        return (long) c.freeCount * c.bytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }
}
