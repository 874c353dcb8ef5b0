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
 */
record LoopTuning(int readBufferBytes, int maxReadsPerTurn, long maxWriteBytesPerTurn, int maxTasksPerTurn,
                  Duration closeAfterFlushTimeout) {

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
