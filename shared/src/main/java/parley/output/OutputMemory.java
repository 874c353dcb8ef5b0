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
 * two and is the last to be chosen. Both size classes count against the one budget, by their capacity.
 *
 * <p>Why 4 KiB chunks: a page; a reader that keeps up holds one chunk (or none) between writes, a stalled one
 * wastes less than a chunk to rounding, and idle connections hold nothing: what the pool keeps (see
 * {@link #trim}) is what the last seconds' busiest moment needed. A write gathers up to 64 chunks, so a large
 * backlog still goes out in 256 KiB system calls: bigger chunks would save nothing on the write and cost memory per reader.
 *
 * <p>Why a second, small class of 512 bytes: the common case in a big room is one short line sent to thousands
 * of idle connections at once. In 4 KiB chunks that is 40 MB for 10,000 members, held until the pool's trim
 * lets it go; in 512-byte chunks it is 5 MB. Measured with {@code EventEncoder}: a presence summary is 77 to 126
 * bytes (text to machine mode), a chat line with timestamp and address 81 to 196 (40 to 120 characters said).
 * 256 would hold one of them but not a message and the summary after it (up to 320 bytes), which would then
 * spill into a 4 KiB chunk; 512 holds two or three. And each chunk carries, by estimate, some 250 bytes of heap objects
 * besides (the buffer, its view, its cleaner), so 256 would save a third, not a half. Only an empty buffer takes
 * one, and only for a line that fits; what follows goes into 4 KiB chunks after it, so a busy connection's
 * writes stay one buffer or a few.
 */
public final class OutputMemory {

    /** The size of every chunk but the small ones. */
    public static final int CHUNK_BYTES = 4096;
    /** The size of a small chunk: the first line of an empty buffer, when it fits. */
    public static final int SMALL_CHUNK_BYTES = 512;
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
    /** Small chunks the pool keeps however quiet the server (128 KiB). */
    static final int KEEP_SMALL_CHUNKS = 256;
    /** How many trims' peaks the pool sizes itself by: with a trim a second, the last ten seconds. */
    static final int PEAK_WINDOW = 10;

    private final ChunkPool pool;
    private final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
    /** The peaks of the last {@link #PEAK_WINDOW} trims, oldest overwritten first. Trimming thread only. */
    private final int[] peaks = new int[PEAK_WINDOW];
    private final int[] smallPeaks = new int[PEAK_WINDOW];
    private int trims;
    /** Every buffer not yet discarded, so the biggest holders can be found when the budget is used up. */
    private final Set<OutputBuffer> buffers = ConcurrentHashMap.newKeySet();
    /** Buffers holding a backlog of the server's own: see {@link #backlogged()}. */
    private final AtomicInteger backlogs = new AtomicInteger();

    public OutputMemory(long budgetBytes) {
        this(budgetBytes, SMALL_CHUNK_BYTES, CHUNK_BYTES);
    }

    /** With chunks of another size and no small class: for tests. */
    public OutputMemory(long budgetBytes, int chunkBytes) {
        this(budgetBytes, 0, chunkBytes);
    }

    /** With chunks of other sizes ({@code smallChunkBytes} 0 for no small class): for tests. */
    public OutputMemory(long budgetBytes, int smallChunkBytes, int chunkBytes) {
        this.pool = new ChunkPool(smallChunkBytes, chunkBytes, budgetBytes);
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
     * The pool cannot give an offer the {@code bytes} it wants: overflow the connections holding the
     * most until that much, and at least an eighth of the budget, is free (or nobody is left). Rare, so a
     * sort of every holder is fine.
     */
    void reclaim(long bytes) {
        List<OutputBuffer> victims = new ArrayList<>();
        synchronized (this) {
            long budget = pool.budgetBytes();
            long wanted = Math.max(bytes, budget / 8);
            List<OutputBuffer> holders = new ArrayList<>();
            for (OutputBuffer b : buffers) {
                if (b.heldBytes() > 0 && !b.overflowed()) {
                    holders.add(b);
                }
            }
            holders.sort(Comparator.comparingLong(OutputBuffer::heldBytes).reversed());
            for (OutputBuffer b : holders) {
                if (pool.availableBytes() >= wanted) {
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
     * Gives memory back after a burst: the pool keeps as many chunks of each size as the busiest moment of the
     * last ten seconds needed (at least {@link #KEEP_CHUNKS} big and {@link #KEEP_SMALL_CHUNKS} small) and lets
     * the rest go for the collector to free. Called once a second, from one thread (the backends'
     * {@code CoreTicker}).
     */
    public void trim() {
        int slot = trims++ % PEAK_WINDOW;
        peaks[slot] = pool.takePeak(false);
        smallPeaks[slot] = pool.takePeak(true);
        pool.trim(max(KEEP_CHUNKS, peaks), max(KEEP_SMALL_CHUNKS, smallPeaks), direct.getMemoryUsed());
    }

    private static int max(int floor, int[] values) {
        int max = floor;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
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

    /**
     * True while half the budget or more is held: the server is then to shed the work it can (presence
     * summaries, history replays) long before the budget runs out and the biggest holders are closed. Any
     * thread.
     */
    public boolean underPressure() {
        return pool.inUseBytes() >= pool.budgetBytes() / 2;
    }

    /** The pool itself, for tests that look at its counters. */
    ChunkPool pool() {
        return pool;
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
