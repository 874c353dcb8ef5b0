package parley.server;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.output.OutputMemory;

/**
 * Calls {@link ChatCore#tick} every {@link ChatCore#TICK}, on a daemon thread of its own, for as long as a server
 * runs, and then lets the output pool give back what a past burst took ({@link OutputMemory#trim}); both
 * backends start one. The core has no thread of its own, and the tick does not belong to any one
 * connection's thread: on an event loop, the summaries it sends to a big room would hold up that loop's
 * clients for the length of a broadcast, every second.
 *
 * <p>Fixed delay, not fixed rate: a tick that ran late is not followed by a burst of catching-up ticks.
 */
public final class CoreTicker implements AutoCloseable {

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("parley-tick"));

    private CoreTicker(ChatCore core, OutputMemory memory, ServerLog log) {
        long period = ChatCore.TICK.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                core.tick();
                memory.trim();
            } catch (RuntimeException e) { // a failed tick must not end the ticks that follow
                log.info("the core's tick failed: " + e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    public static CoreTicker start(ChatCore core, OutputMemory memory, ServerLog log) {
        return new CoreTicker(core, memory, log);
    }

    /** Stops the ticks; one running now finishes. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
