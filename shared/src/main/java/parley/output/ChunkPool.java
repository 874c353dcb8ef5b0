package parley.output;

/**
 * The chunks every connection's output is made of, kept and reused: a written chunk comes back here at once,
 * and the next line that needs one takes it.
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
 * {@link #trim} lets go of free chunks beyond what the last few seconds needed, for the collector to free. It
 * does so only while the JVM's reserved direct memory (the chunks let go of but not yet collected included)
 * is within the budget: with the budget at most half the JVM's limit, reserved memory then never passes the
 * limit, and {@code allocateDirect} never has to wait for a collection.
 */
final class ChunkPool {

    private final int chunkBytes;
    private final int maxChunks;
    // Guarded by this. The free chunks are a stack linked through Chunk.next: no node per push.
    private Chunk free;
    private int freeCount;
    private int allocated;
    /** The most chunks in use at once since the last {@link #takePeak}. */
    private int peakInUse;

    ChunkPool(int chunkBytes, long budgetBytes) {
        if (chunkBytes < 1 || budgetBytes < chunkBytes) {
            throw new IllegalArgumentException("a budget of " + budgetBytes + " bytes cannot hold a chunk of "
                    + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
        this.maxChunks = (int) Math.min(Integer.MAX_VALUE, budgetBytes / chunkBytes);
    }

    /**
     * {@code count} empty chunks linked through {@link Chunk#next}, or null (and nothing taken) when that
     * many would take the chunks in use past the budget.
     */
    synchronized Chunk take(int count) {
        if (count > freeCount + (maxChunks - allocated)) {
            return null;
        }
        Chunk run = null;
        for (int i = 0; i < count; i++) {
            Chunk c;
            if (free != null) {
                c = free;
                free = c.next;
                freeCount--;
            } else {
                c = new Chunk(chunkBytes);
                allocated++;
            }
            c.next = run;
            run = c;
        }
        peakInUse = Math.max(peakInUse, allocated - freeCount);
        return run;
    }

    /** Takes back one chunk no buffer refers to any more. */
    synchronized void give(Chunk c) {
        c.reset();
        c.next = free;
        free = c;
        freeCount++;
    }

    /** The most chunks in use at once since the last call; starts the next count from those in use now. */
    synchronized int takePeak() {
        int peak = peakInUse;
        peakInUse = allocated - freeCount;
        return peak;
    }

    /**
     * Lets go of free chunks, for the collector, while more than {@code keep} are allocated and what the JVM would
     * then hold in direct memory beyond this pool's chunks (chunks let go of but not yet collected, the JDK's own
     * buffers) stays within the budget.
     *
     * @param reservedDirectBytes the JVM's reserved direct memory now, garbage included
     */
    synchronized void trim(int keep, long reservedDirectBytes) {
        while (allocated > keep && free != null
                && reservedDirectBytes - (long) (allocated - 1) * chunkBytes <= budgetBytes()) {
            Chunk c = free;
            free = c.next;
            c.next = null;
            freeCount--;
            allocated--;
        }
    }

    int chunkBytes() {
        return chunkBytes;
    }

    synchronized long allocatedBytes() {
        return (long) allocated * chunkBytes;
    }

    synchronized long inUseBytes() {
        return (long) (allocated - freeCount) * chunkBytes;
    }

    synchronized int freeChunks() {
        return freeCount + (maxChunks - allocated);
    }

    long budgetBytes() {
        return (long) maxChunks * chunkBytes;
    }
}
