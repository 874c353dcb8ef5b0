package parley.output;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * All the output one server holds: the chunk pool its connections' {@link OutputBuffer}s are made of, and the
 * global output budget.
 *
 * <p>The budget bounds the pool: chunks in use never exceed it, so output can never exhaust the JVM's direct
 * memory. When every connection together holds the budget and one more chunk is wanted, the connections
 * holding the most are overflowed (closed by their backends as slow consumers, the reason logged) until an
 * eighth of the budget is free again; their chunks come back at once, but for what finishes the line each
 * socket is in and the error line that tells it why. A well-behaved reader holds a chunk or
 * two and is the last to be chosen.
 *
 * <p>Why 4 KiB chunks: a page; a reader that keeps up holds one chunk (or none) between writes, a stalled one
 * wastes less than a chunk to rounding, and idle connections hold nothing: what the pool keeps (see
 * {@link #trim}) is what the last seconds' busiest moment needed. A write gathers up to 64 chunks, so a large
 * backlog still goes out in 256 KiB system calls: bigger chunks would save nothing on the write and cost memory per reader.
 */
public final class OutputMemory {

    /** The size of every chunk. */
    public static final int CHUNK_BYTES = 4096;
    /** How many chunks one gathering write takes at most: the size of a writer's scratch array. */
    public static final int GATHER = 64;
    /**
     * The most a buffer may hold for a socket that takes what it is given before the server stops reading
     * input (a quarter of the hard limit if that is less): past it the server is producing faster than it
     * writes, and reading on would only grow what it holds.
     */
    static final long BACKLOG_BYTES = 1024 * 1024;

    /** Chunks the pool keeps however quiet the server: what a few hundred ordinary writes need (1 MiB). */
    static final int KEEP_CHUNKS = 256;
    /** How many trims' peaks the pool sizes itself by: with a trim a second, the last ten seconds. */
    static final int PEAK_WINDOW = 10;

    private final ChunkPool pool;
    private final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    /** The peaks of the last {@link #PEAK_WINDOW} trims, oldest overwritten first. Trimming thread only. */
    private final int[] peaks = new int[PEAK_WINDOW];
    private int trims;
    /** Every buffer not yet discarded, so the biggest holders can be found when the budget is used up. */
    private final Set<OutputBuffer> buffers = ConcurrentHashMap.newKeySet();
    /** Buffers holding a backlog of the server's own: see {@link #backlogged()}. */
    private final AtomicInteger backlogs = new AtomicInteger();

    public OutputMemory(long budgetBytes) {
        this(budgetBytes, CHUNK_BYTES);
    }

    /** With chunks of another size: for tests. */
    public OutputMemory(long budgetBytes, int chunkBytes) {
        this.pool = new ChunkPool(chunkBytes, budgetBytes);
    }

    /**
     * A connection's output buffer.
     *
     * @param onOverflow run once, from whichever thread finds the buffer over a limit (possibly with the core's
     *                   lock held, so it must not block): the backend closes the connection at a safe point
     */
    public OutputBuffer newBuffer(long hardLimitBytes, long softLimitBytes, Duration softGrace, Clock clock,
                                  Runnable onOverflow) {
        OutputBuffer b = new OutputBuffer(this, pool, hardLimitBytes, softLimitBytes, softGrace, clock, onOverflow);
        buffers.add(b);
        return b;
    }

    /**
     * The pool cannot give an offer the {@code chunks} it wants: overflow the connections holding the
     * most until that many, and at least an eighth of the budget, are free (or nobody is left). Rare, so a
     * sort of every holder is fine.
     */
    void reclaim(int chunks) {
        List<OutputBuffer> victims = new ArrayList<>();
        synchronized (this) {
            long budget = pool.budgetBytes();
            int wanted = Math.max(chunks, (int) (budget / pool.chunkBytes() / 8));
            List<OutputBuffer> holders = new ArrayList<>();
            for (OutputBuffer b : buffers) {
                if (b.heldBytes() > 0 && !b.overflowed()) {
                    holders.add(b);
                }
            }
            holders.sort(Comparator.comparingLong(OutputBuffer::heldBytes).reversed());
            for (OutputBuffer b : holders) {
                if (pool.freeChunks() >= wanted) {
                    break;
                }
                long held = b.heldBytes();
                if (b.overflow("server output memory full (" + budget + " bytes) and this connection held the most ("
                        + held + " bytes)")) {
                    b.cutAtLineEnd(); // all but the end of the line it is in, and room for the reason
                    victims.add(b);
                }
            }
        }
        for (OutputBuffer b : victims) {
            b.reportOverflow();
        }
    }

    /**
     * Gives memory back after a burst: the pool keeps as many chunks as the busiest moment of the last ten
     * seconds needed (at least {@link #KEEP_CHUNKS}) and lets the rest go for the collector to free. Called once
     * a second, from one thread (the backends' {@code CoreTicker}).
     */
    public void trim() {
        peaks[trims++ % PEAK_WINDOW] = pool.takePeak();
        int keep = KEEP_CHUNKS;
        for (int p : peaks) {
            keep = Math.max(keep, p);
        }
        pool.trim(keep, direct.getMemoryUsed());
    }

    void forget(OutputBuffer b) {
        buffers.remove(b);
    }

    void backlog(boolean started) {
        backlogs.addAndGet(started ? 1 : -1);
    }

    /**
     * True while some connection whose socket takes what it is given has more output waiting than a little:
     * the server is behind its own writes. The backends then read no more input (the selector takes its
     * connections out of OP_READ, the threaded readers wait) until it is written, so the server's backlog
     * never grows into a limit that would close a reader who is keeping up. Any thread.
     */
    public boolean backlogged() {
        return backlogs.get() > 0;
    }

    /** Output held by every connection together, in whole chunks. */
    public long heldBytes() {
        return pool.inUseBytes();
    }

    /** Direct memory the pool has allocated (in use or free): never more than the budget. */
    public long allocatedBytes() {
        return pool.allocatedBytes();
    }

    public long budgetBytes() {
        return pool.budgetBytes();
    }

    /**
     * The JVM's limit on direct memory: {@code -XX:MaxDirectMemorySize}, or by default the maximum heap size.
     * The output budget must stay well under it (see {@link ChunkPool} for why).
     */
    public static long jvmDirectMemoryLimit() {
        String set = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize").getValue();
        long bytes = Long.parseLong(set);
        return bytes > 0 ? bytes : Runtime.getRuntime().maxMemory();
    }
}
