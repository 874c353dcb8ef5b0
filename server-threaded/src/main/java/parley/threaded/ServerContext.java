package parley.threaded;

import java.util.concurrent.ScheduledExecutorService;
import parley.core.ChatCore;
import parley.output.OutputMemory;
import parley.server.ConnectionThreads;
import parley.server.ServerSettings;

/**
 * What every connection of one server shares.
 *
 * @param settings   the limits and the log
 * @param core       the chat
 * @param threads    where per-connection threads come from (virtual on Java 21+)
 * @param deadlines  one timer thread for every connection's close-after-flush deadline, and for closing
 *                   slow consumers
 * @param memory     the chunk pool every connection's output buffer is made of
 * @param writersEndWhenIdle whether a connection's writer thread ends as soon as it has nothing left to write
 *                   (the next line starts another), rather than wait for more
 */
record ServerContext(ServerSettings settings, ChatCore core, ConnectionThreads threads,
                     ScheduledExecutorService deadlines, OutputMemory memory, boolean writersEndWhenIdle) {
}
