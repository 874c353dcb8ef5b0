package parley.bench;

import java.time.Duration;

/**
 * Every number a run uses, from the command line.
 *
 * @param clients           clients in the room (fanout, saturate, slow)
 * @param senders           of those, how many send (fanout, slow); in saturate every client sends
 * @param ratePerSender     messages per second per sender (fanout, slow)
 * @param window            messages in flight per client (saturate)
 * @param payloadBytes      text bytes per message
 * @param warmup            sending before the measured window
 * @param duration          the measured window
 * @param drain             at most this long after the last message for everything to arrive
 * @param slowClients       clients that never read (slow)
 * @param idleConnections   connections to open (idle)
 * @param connectConcurrency connections being opened at once (idle)
 * @param joinTimeout       how long all clients may take to connect and join
 * @param loadThreads       load-generator selector threads
 * @param lobbyClients      clients arriving in #lobby (lobby)
 * @param lobbyWindow       the time over which they arrive, paced evenly (lobby)
 * @param lobbyLeaveWatch   how long the server's memory is watched after they all leave (lobby)
 */
public record Workload(int clients, int senders, int ratePerSender, int window, int payloadBytes, Duration warmup,
                       Duration duration, Duration drain, int slowClients, int idleConnections,
                       int connectConcurrency, Duration joinTimeout, int loadThreads,
                       int lobbyClients, Duration lobbyWindow, Duration lobbyLeaveWatch) {
}
