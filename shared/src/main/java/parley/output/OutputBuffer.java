package parley.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import parley.core.Nanos;

/**
 * The bytes waiting to be written to one connection, and the slow-consumer policy, written once for both
 * backends: a list of chunks from the server's {@link OutputMemory} (Redis's reply-block list): a small chunk
 * for the first line of an empty buffer when it fits, 4 KiB chunks for everything after it.
 *
 * <pre>
 *  offer(line)  -- copies the line into the tail chunk, taking fresh chunks from the pool as it fills
 *                  (into an empty buffer, a small chunk if the line fits: [##  ] -> [####     ] -> ...)
 *  head [#####----] -> [#########] -> tail [####     ]      # queued, - written, blank free
 *  writeTo(socket) -- one gathering write over the chunks; each chunk written out goes back to the pool
 * </pre>
 *
 * <p>Many threads may {@link #offer} (whoever holds the core's lock at the time); exactly one thread, the
 * connection's writer, calls {@link #writeTo}. Many short lines share a chunk, so a write is one contiguous
 * buffer, or a few. An idle connection holds no chunk; one sent a single short line holds a small one.
 *
 * <p><b>What is counted is what is held</b>: whole chunks, whatever part of them is filled. <b>Only a reader
 * whose socket is full is to blame</b>: the limits apply once a write has left bytes the kernel would not
 * take (or, for a blocking writer, while its write is stuck); until then what waits is the server's own
 * backlog, and a buffer with more than a little of it makes {@link OutputMemory#backlogged()} true, which the
 * backends answer by reading no more input until it is written (Netty's writability). With a full socket, an
 * offer that would take the chunks held past the hard limit is refused and the buffer {@linkplain
 * #overflowed() overflows}: the backend then closes the connection at a safe point of its own (Redis's
 * {@code freeClientAsync}), told by the {@code onOverflow} callback. A buffer that stays above the soft limit
 * for longer than its grace period overflows too (Redis's {@code client-output-buffer-limit} soft limit);
 * the check runs whenever output is offered. {@link OutputMemory} may also overflow a buffer from outside,
 * when the server's whole output budget is used up and this connection holds the most.
 *
 * <p>Locking: one short lock per buffer, never held across a socket write. The chunks a write is using are
 * pinned, so a {@link #discard} from another thread leaves them to the writer, which gives them back when
 * the write returns; nobody else's bytes can ever reach this socket through a reused chunk.
 */
public final class OutputBuffer {

    private static final long BELOW_SOFT = Long.MIN_VALUE;

    private final OutputMemory memory;
    private final ChunkPool pool;
    private final long hardLimitBytes;
    private final long softLimitBytes;
    private final long softGraceNanos;
    private final Clock clock;
    private final Runnable onOverflow;
    /** Above this, with a socket that takes what it is given, the server itself is behind: see {@link #backlogged}. */
    private final long backlogBytes;

    // Guarded by this.
    private Chunk head;
    private Chunk tail;
    /** How many chunks from the head a write in progress is using; 0 when no write is. */
    private int inFlight;
    /** Where the write in progress ends, in the last chunk it uses. */
    private int pinnedEnd;
    /** The last byte a write sent: {@code '\n'} when the socket stands at a line boundary. */
    private byte lastWritten = '\n';
    private boolean cut;
    /** Set by {@link #offerLast}: nothing more is queued after it. */
    private boolean lastQueued;
    private boolean discarded;
    /** The last write left bytes the kernel would not take: only now is the reader to blame for what waits. */
    private boolean socketFull;
    /**
     * More than {@link #backlogBytes} held for a socket that is not full: output the server has not got round
     * to writing. Counted in {@link OutputMemory#backlogged()}, which makes the backends stop reading.
     */
    private boolean backlogged;
    /** When the buffer last went above the soft limit (clock nanos), or {@link #BELOW_SOFT}. */
    private long aboveSoftSince = BELOW_SOFT;

    /** Written under the lock; read anywhere. */
    private volatile long heldBytes;
    private volatile String overflowReason;

    OutputBuffer(OutputMemory memory, ChunkPool pool, long hardLimitBytes, long softLimitBytes, Duration softGrace,
                 Clock clock, Runnable onOverflow) {
        this.memory = memory;
        this.pool = pool;
        this.hardLimitBytes = hardLimitBytes;
        this.softLimitBytes = Math.min(softLimitBytes, hardLimitBytes);
        this.softGraceNanos = softGrace.toNanos();
        this.clock = clock;
        this.onOverflow = onOverflow;
        this.backlogBytes = Math.max(4L * pool.chunkBytes(), Math.min(OutputMemory.BACKLOG_BYTES, hardLimitBytes / 4));
    }

    /** What an attempt to append found. */
    private enum Outcome { ACCEPTED, REFUSED, OVERFLOWED, NO_MEMORY }

    /**
     * Copies {@code line}'s remaining bytes into this buffer (its position is left alone, so one line can be
     * offered to many buffers). Never blocks: when the server's output budget is used up, the connections
     * holding the most are overflowed to make room, which may be this one.
     *
     * @return false when refused: the connection is over a limit (or closing) and the line is not queued
     */
    public boolean offer(ByteBuffer line) {
        Outcome outcome;
        synchronized (this) {
            outcome = append(line, false, false);
        }
        if (outcome == Outcome.NO_MEMORY) {
            memory.reclaim((line.remaining() / pool.chunkBytes() + 1L) * pool.chunkBytes()); // at least what it needs
            synchronized (this) {
                outcome = append(line, true, false); // refused if it was chosen itself
            }
        }
        if (outcome == Outcome.OVERFLOWED) {
            onOverflow.run(); // outside the lock: the backend's callback may take locks of its own
        }
        return outcome == Outcome.ACCEPTED;
    }

    /**
     * Queues the last line this connection is sent, the reason it is being closed, past every limit (from a
     * free chunk, never by making room); nothing is queued after it. Never blocks.
     *
     * @return false if there was no memory for it, or the buffer was discarded
     */
    public boolean offerLast(ByteBuffer line) {
        synchronized (this) {
            return append(line, true, true) == Outcome.ACCEPTED;
        }
    }

    private Outcome append(ByteBuffer line, boolean lastTry, boolean lastLine) {
        if (discarded || lastQueued || !lastLine && overflowReason != null) {
            return Outcome.REFUSED;
        }
        int size = line.remaining();
        int room = tail == null ? 0 : tail.free();
        // An empty buffer given a line that fits takes a small chunk: an idle connection sent one broadcast
        // holds a few hundred bytes, not a page. Anything more goes on in big chunks after it (a small chunk
        // is never grown), so a busy connection is on big chunks and stays there until it is written out.
        boolean small = tail == null && size <= pool.smallBytes();
        int fresh = size <= room ? 0
                : small ? 1
                : Math.toIntExact(((long) size - room + pool.chunkBytes() - 1) / pool.chunkBytes());
        long after = heldBytes + (long) fresh * (small ? pool.smallBytes() : pool.chunkBytes());
        // Only a reader whose socket is full (or whose blocking write is stuck in it) is to blame; output the
        // server has not written yet to a socket that takes it is the server's own backlog.
        boolean readerToBlame = socketFull || inFlight > 0;
        String problem = lastLine || !readerToBlame ? null : limitProblem(after);
        if (problem != null) {
            overflowReason = problem;
            return Outcome.OVERFLOWED;
        }
        Chunk start = room > 0 ? tail : null;
        if (fresh > 0) {
            Chunk run = small ? pool.takeSmall() : pool.take(fresh);
            if (run == null) {
                if (lastLine) {
                    return Outcome.REFUSED;
                }
                if (!lastTry) {
                    return Outcome.NO_MEMORY;
                }
                overflowReason = "server output memory full (" + pool.budgetBytes() + " bytes)";
                return Outcome.OVERFLOWED;
            }
            if (tail == null) {
                head = run;
            } else {
                tail.next = run;
            }
            if (start == null) {
                start = run;
            }
            tail = run;
            while (tail.next != null) {
                tail = tail.next;
            }
            heldBytes = after;
            updateBacklog();
        }
        copy(line, start);
        lastQueued = lastLine;
        return Outcome.ACCEPTED;
    }

    /** Null if holding {@code bytes} is within the limits; otherwise why not (the overflow reason). */
    private String limitProblem(long bytes) {
        if (bytes > hardLimitBytes) {
            return "more than " + hardLimitBytes + " bytes queued";
        }
        if (bytes > softLimitBytes && softLimitBytes < hardLimitBytes) {
            long now = Nanos.of(clock);
            if (aboveSoftSince == BELOW_SOFT) {
                aboveSoftSince = now;
            } else if (now - aboveSoftSince > softGraceNanos) {
                return "more than " + softLimitBytes + " bytes queued for over "
                        + Duration.ofNanos(softGraceNanos).toSeconds() + " s";
            }
        }
        return null;
    }

    /** The one copy of a line per recipient: from the shared encoded bytes into this buffer's chunks. */
    private static void copy(ByteBuffer line, Chunk start) {
        int from = line.position();
        int left = line.remaining();
        for (Chunk c = start; left > 0; c = c.next) {
            int n = Math.min(left, c.free());
            c.filling.put(c.writeIndex, line, from, n);
            c.writeIndex += n;
            from += n;
            left -= n;
        }
    }

    /**
     * Writes queued bytes, the chunks gathered into one write, until the channel takes less than it is given
     * (the socket is full: from then on the limits apply), the buffer is empty, or {@code budgetBytes} have
     * been written. Only the connection's single writer thread may call this. A chunk written out goes back
     * to the pool at once.
     *
     * <p>{@code batch} is the writer's scratch array for the gathering write (at most its length chunks per
     * write; left all null on return). It is the writer's, not the buffer's, so that a selector loop keeps
     * one for all its connections.
     *
     * @return bytes written
     */
    public long writeTo(GatheringByteChannel channel, long budgetBytes, ByteBuffer[] batch) throws IOException {
        long written = 0;
        while (written < budgetBytes) {
            int n = pin(batch);
            if (n == 0) {
                break;
            }
            long offered = 0;
            for (int i = 0; i < n; i++) {
                offered += batch[i].remaining();
            }
            long w = 0;
            try {
                // One chunk, the common case for a reader that keeps up: a plain write, not a gathering one
                // (the JDK's writev path sets up an iovec array for it, the kernel imports it).
                w = n == 1 ? channel.write(batch[0]) : channel.write(batch, 0, n);
            } finally {
                unpin(batch, n, w < offered);
            }
            written += w;
            if (w < offered) {
                break;
            }
        }
        return written;
    }

    /** Points the batch at the queued bytes of the first chunks, and marks those chunks as in use by a write. */
    private synchronized int pin(ByteBuffer[] batch) {
        if (discarded) {
            return 0;
        }
        int n = 0;
        for (Chunk c = head; c != null && n < batch.length && !c.drained(); c = c.next) {
            batch[n++] = c.draining.limit(c.writeIndex).position(c.readIndex);
            pinnedEnd = c.writeIndex;
        }
        inFlight = n;
        updateBacklog(); // a blocking write in progress may be stuck in a full socket: no backlog of ours
        return n;
    }

    /**
     * Notes how far the write got and whether the socket refused bytes, and gives back every chunk written out
     * (or all of them, if discarded).
     */
    private synchronized void unpin(ByteBuffer[] batch, int n, boolean refused) {
        Chunk c = head;
        for (int i = 0; i < n; i++, c = c.next) {
            int position = batch[i].position();
            if (position > c.readIndex) {
                lastWritten = c.filling.get(position - 1);
            }
            c.readIndex = position;
        }
        Arrays.fill(batch, 0, n, null);
        inFlight = 0;
        socketFull = refused;
        if (discarded) {
            releaseFrom(head);
            head = null;
            tail = null;
            heldBytes = 0;
            updateBacklog();
            return;
        }
        long held = heldBytes;
        while (head != null && head.drained()) { // full chunks before the tail, and the tail once written out
            Chunk done = head;
            head = done.next;
            held -= done.capacity();
            pool.give(done);
        }
        if (head == null) {
            tail = null;
        }
        heldBytes = held;
        if (held <= softLimitBytes || !socketFull) { // caught up, or took all it was given: not slow now
            aboveSoftSince = BELOW_SOFT;
        }
        updateBacklog();
    }

    private void updateBacklog() {
        boolean now = !discarded && !cut && !socketFull && inFlight == 0 && heldBytes > backlogBytes;
        if (now != backlogged) {
            backlogged = now;
            memory.backlog(now);
        }
    }

    /**
     * For a connection closed as a slow consumer, so that it never gets a cut line: keeps only the bytes that
     * finish the line the socket stands in (after whatever a write in progress sends) and gives back every
     * other chunk at once. The reason then goes in with {@link #offerLast}. Any thread; the first call counts.
     */
    public void cutAtLineEnd() {
        synchronized (this) {
            if (cut || discarded) {
                return;
            }
            cut = true;
            if (head == null) {
                return;
            }
            // Where the bytes the socket has, or will have once the write in progress returns, end.
            Chunk at = head;
            int from = head.readIndex;
            byte before = from > 0 ? head.filling.get(from - 1) : lastWritten;
            if (inFlight > 0) {
                for (int i = 1; i < inFlight; i++) {
                    at = at.next;
                }
                from = pinnedEnd;
                before = at.filling.get(from - 1);
            }
            Chunk end = at;
            int endIndex = from;
            if (before != '\n') {
                endIndex = -1;
                for (Chunk c = at; c != null && endIndex < 0; c = c.next) {
                    for (int k = c == at ? from : 0; k < c.writeIndex; k++) {
                        if (c.filling.get(k) == '\n') {
                            end = c;
                            endIndex = k + 1;
                            break;
                        }
                    }
                }
                if (endIndex < 0) { // cannot happen, every line ends in LF; keep everything rather than cut
                    end = tail;
                    endIndex = tail.writeIndex;
                }
            }
            releaseFrom(end.next);
            end.next = null;
            end.writeIndex = endIndex;
            tail = end;
            long held = 0;
            for (Chunk c = head; c != null; c = c.next) {
                held += c.capacity();
            }
            if (inFlight == 0 && head == tail && head.drained()) {
                pool.give(head);
                head = null;
                tail = null;
                held = 0;
            }
            heldBytes = held;
            updateBacklog();
        }
    }

    /**
     * Refuses every later offer and gives back every chunk, now or, for those a write is using, as soon as
     * that write returns. For a connection that is closing; any thread. Idempotent.
     */
    public void discard() {
        synchronized (this) {
            if (discarded) {
                return;
            }
            discarded = true;
            Chunk keep = head;
            long pinnedBytes = head == null ? 0 : head.capacity();
            for (int i = 1; i < inFlight; i++) {
                keep = keep.next;
                pinnedBytes += keep.capacity();
            }
            if (inFlight == 0) {
                releaseFrom(head);
                head = null;
                tail = null;
                heldBytes = 0;
            } else {
                releaseFrom(keep.next);
                keep.next = null;
                tail = keep;
                heldBytes = pinnedBytes;
            }
            updateBacklog();
        }
        memory.forget(this);
    }

    private void releaseFrom(Chunk first) {
        for (Chunk c = first; c != null; ) {
            Chunk next = c.next;
            pool.give(c);
            c = next;
        }
    }

    /** Marks this buffer overflowed for {@code reason} unless it already is; true if this call did it. */
    boolean overflow(String reason) {
        synchronized (this) {
            if (overflowReason != null || discarded) {
                return false;
            }
            overflowReason = reason;
        }
        return true;
    }

    /** Tells the backend, outside every lock, that this buffer has overflowed. */
    void reportOverflow() {
        onOverflow.run();
    }

    /** True when nothing is waiting to be written. */
    public boolean isEmpty() {
        return heldBytes == 0;
    }

    /** Memory this buffer holds: whole chunks, counted against its limits and the server's budget. */
    public long heldBytes() {
        return heldBytes;
    }

    /** True once an offer was refused for a limit: the connection must be closed. */
    public boolean overflowed() {
        return overflowReason != null;
    }

    /** Why the buffer overflowed ({@code slow consumer: …}), or null while it has not. */
    public String overflowReason() {
        String reason = overflowReason;
        return reason == null ? null : "slow consumer: " + reason;
    }
}
