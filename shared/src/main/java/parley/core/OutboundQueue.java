package parley.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
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
 * {@code freeClientAsync}). Buffers are shared read-only lines; each is duplicated here so every recipient
 * has its own position over the same bytes.
 */
public final class OutboundQueue {

    /** How many queued lines one gathering write takes at most. */
    private static final int GATHER = 64;

    private final ConcurrentLinkedQueue<ByteBuffer> lines = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long hardLimitBytes;
    private volatile boolean overflowed;

    public OutboundQueue(long hardLimitBytes) {
        this.hardLimitBytes = hardLimitBytes;
    }

    /**
     * Queues a line unless that would exceed the hard limit.
     *
     * @return false when refused: the connection is over its limit and must be closed
     */
    public boolean offer(ByteBuffer sharedLine) {
        if (overflowed) {
            return false;
        }
        int size = sharedLine.remaining();
        if (queuedBytes.addAndGet(size) > hardLimitBytes) {
            queuedBytes.addAndGet(-size);
            overflowed = true;
            return false;
        }
        // slice, not duplicate: limit() is then the size counted above, which writeTo subtracts.
        lines.add(sharedLine.slice());
        return true;
    }

    /**
     * Writes queued lines (several at once, gathered) until the channel takes no more, the queue is empty,
     * or {@code budgetBytes} have been written. Only the connection's single writer thread may call this.
     *
     * @return bytes written
     */
    public long writeTo(GatheringByteChannel channel, long budgetBytes) throws IOException {
        long written = 0;
        ByteBuffer[] batch = new ByteBuffer[GATHER];
        while (written < budgetBytes) {
            int n = 0;
            for (Iterator<ByteBuffer> it = lines.iterator(); it.hasNext() && n < GATHER; ) {
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
            java.util.Arrays.fill(batch, 0, n, null);
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

    /** True once an offer was refused for exceeding the hard limit. */
    public boolean overflowed() {
        return overflowed;
    }

    public long hardLimitBytes() {
        return hardLimitBytes;
    }
}
