package parley.selector;

import java.time.Duration;

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

    static LoopTuning defaults() {
        return new LoopTuning(64 * 1024, 4, 256 * 1024, 4096, Duration.ofSeconds(5));
    }
}
