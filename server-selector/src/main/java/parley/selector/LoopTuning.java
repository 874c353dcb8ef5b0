package parley.selector;

import java.time.Duration;
import parley.server.ServerSettings;

/**
 * How much one loop turn may spend on one connection, and how long a closing connection may take to flush.
 * Not user settings: they exist so tests can make the limits small enough to hit.
 *
 * @param readBufferBytes         size of each loop's one read buffer
 * @param maxReadsPerTurn         reads into that buffer one connection gets per turn
 * @param maxWriteBytesPerTurn    bytes one connection may be written per turn (Redis's NET_MAX_WRITES_PER_EVENT)
 * @param maxTasksPerTurn         handed-in tasks run per turn, so a flood of them cannot starve the sockets
 * @param closeAfterFlushTimeout  how long a connection closing after /quit (or EOF) may take to flush
 * @param readAgainNanos          while a turn's writes take longer than this, the loop reads what arrived
 *                                meanwhile every so often (0: after every write), so that the connections
 *                                not yet written take the new lines in the same write
 */
record LoopTuning(int readBufferBytes, int maxReadsPerTurn, long maxWriteBytesPerTurn, int maxTasksPerTurn,
                  Duration closeAfterFlushTimeout, long readAgainNanos) {

    /** With the default {@link #readAgainNanos}. */
    LoopTuning(int readBufferBytes, int maxReadsPerTurn, long maxWriteBytesPerTurn, int maxTasksPerTurn,
               Duration closeAfterFlushTimeout) {
        this(readBufferBytes, maxReadsPerTurn, maxWriteBytesPerTurn, maxTasksPerTurn, closeAfterFlushTimeout,
                READ_AGAIN_NANOS);
    }

    /**
     * A tenth of what one line's fan-out to 100 members takes when each is a write of its own (about 9 µs
     * each, nearly all the kernel's TCP path): a look costs one {@code epoll_wait} (1-2 µs), about 1.5 % of
     * such a turn, and a line that arrives during it waits at most this long to join the writes still to come
     * instead of a whole turn of its own.
     */
    static final long READ_AGAIN_NANOS = 100_000;

    /**
     * Reads are kept small on purpose: whatever one connection sends in a turn is broadcast to the members
     * of its room, and members on the same loop are only written between turns. A 2-byte line becomes about
     * 45 bytes of text for every member, so 16 KiB of input per turn queues about 720 KiB for each member,
     * where 256 KiB would queue 11 MiB, past the default 8 MiB outbound limit, and let one flooding client
     * disconnect everyone near it.
     */
    static LoopTuning defaults() {
        return new LoopTuning(8 * 1024, 2, 256 * 1024, 4096, ServerSettings.CLOSE_AFTER_FLUSH);
    }
}
