package parley.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes waiting to be written to one connection, and the slow-consumer policy, written once for both
 * backends.
 *
 * <p>Many threads may {@link #offer} (whoever holds the core lock at the time); exactly one thread, the
 * connection's writer, calls {@link #writeTo}. Queued bytes are counted. An offer that would take the total
 * above the hard limit is refused and the queue is marked {@linkplain #overflowed() overflowed}: the backend
 * then closes the connection at a safe point of its own, never from inside the send (Redis's
 * {@code freeClientAsync}). A soft limit catches the reader that is slow for a long time rather than for a
 * moment: a queue that stays above it for longer than its grace period overflows too (Redis's
 * {@code client-output-buffer-limit} soft limit). Buffers are shared read-only lines; each is duplicated
 * here so every recipient has its own position over the same bytes.
 */
public final class OutboundQueue {

    /** How many queued lines one gathering write takes at most: the size of a writer's scratch array. */
    public static final int GATHER = 64;

    private final ConcurrentLinkedQueue<ByteBuffer> lines = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long hardLimitBytes;
    private final long softLimitBytes;
    private final long softGraceNanos;
    private final Clock clock;
    /** When the queue last went above the soft limit (clock nanos), or {@link #BELOW_SOFT}. */
    private volatile long aboveSoftSince = BELOW_SOFT;
    private volatile String overflowReason;

    private static final long BELOW_SOFT = Long.MIN_VALUE;

    /** A queue with only a hard limit. */
    public OutboundQueue(long hardLimitBytes) {
        this(hardLimitBytes, hardLimitBytes, Duration.ZERO, Clock.systemUTC());
    }

    public OutboundQueue(long hardLimitBytes, long softLimitBytes, Duration softGrace, Clock clock) {
        this.hardLimitBytes = hardLimitBytes;
        this.softLimitBytes = Math.min(softLimitBytes, hardLimitBytes);
        this.softGraceNanos = softGrace.toNanos();
        this.clock = clock;
    }

    /**
     * Queues a line unless that would exceed the hard limit, or the queue has been above the soft limit
     * for longer than its grace period.
     *
     * @return false when refused: the connection is over its limit and must be closed
     */
    public boolean offer(ByteBuffer sharedLine) {
        if (overflowReason != null) {
            return false;
        }
        int size = sharedLine.remaining();
        long total = queuedBytes.addAndGet(size);
        if (total > hardLimitBytes) {
            queuedBytes.addAndGet(-size);
            overflowReason = "more than " + hardLimitBytes + " bytes queued";
            return false;
        }
        if (total > softLimitBytes && softLimitBytes < hardLimitBytes) {
            long now = Nanos.of(clock);
            long since = aboveSoftSince;
            if (since == BELOW_SOFT) {
                aboveSoftSince = now;
            } else if (now - since > softGraceNanos) {
                queuedBytes.addAndGet(-size);
                overflowReason = "more than " + softLimitBytes + " bytes queued for over "
                        + Duration.ofNanos(softGraceNanos).toSeconds() + " s";
                return false;
            }
        }
        // slice, not duplicate: limit() is then the size counted above, which writeTo subtracts.
        lines.add(sharedLine.slice());
        return true;
    }

    /**
     * {@link #writeTo(GatheringByteChannel, long, ByteBuffer[])} with a scratch array of its own, allocated for
     * this call (for tests and occasional writers).
     */
    public long writeTo(GatheringByteChannel channel, long budgetBytes) throws IOException {
        return writeTo(channel, budgetBytes, new ByteBuffer[GATHER]);
    }

    /**
     * Writes queued lines (several at once, gathered) until the channel takes no more, the queue is empty,
     * or {@code budgetBytes} have been written. Only the connection's single writer thread may call this.
     *
     * <p>{@code batch} is the writer's scratch array for the gathering write (at most its length lines per
     * write; left all null on return). It is the writer's and not the queue's, so that a selector loop keeps
     * one for all its connections instead of every idle connection keeping 64 slots (about 270 bytes).
     *
     * @return bytes written
     */
    public long writeTo(GatheringByteChannel channel, long budgetBytes, ByteBuffer[] batch) throws IOException {
        long written = 0;
        while (written < budgetBytes) {
            int n = 0;
            for (Iterator<ByteBuffer> it = lines.iterator(); it.hasNext() && n < batch.length; ) {
                batch[n++] = it.next();
            }
            if (n == 0) {
                break;
            }
            long w = channel.write(batch, 0, n);
            written += w;
            for (int i = 0; i < n && !batch[i].hasRemaining(); i++) {
                lines.poll();
                queuedBytes.addAndGet(-batch[i].limit());
            }
            Arrays.fill(batch, 0, n, null);
            if (queuedBytes.get() <= softLimitBytes) {
                aboveSoftSince = BELOW_SOFT;
            }
            if (w == 0) {
                break;
            }
        }
        return written;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Bytes offered and not yet completely written. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** True once an offer was refused: the connection is over a limit and must be closed. */
    public boolean overflowed() {
        return overflowReason != null;
    }

    /** Why the queue overflowed ({@code slow consumer: …}), or null while it has not. */
    public String overflowReason() {
        String reason = overflowReason;
        return reason == null ? null : "slow consumer: " + reason;
    }

    public long hardLimitBytes() {
        return hardLimitBytes;
    }
}
