package parley.selector;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * How other threads hand work to one loop: a queue, plus a {@link Selector#wakeup()} issued only when the
 * loop may be asleep in {@code select} (the JDK http server's {@code connsToRegister}, Netty's
 * {@code wakenUp}).
 *
 * <p>The coalescing is a two-flag handshake. The loop sets {@code mayBeSleeping}, then looks at the queue;
 * a producer adds to the queue, then looks at the flag. Both are volatile accesses, so at least one side
 * sees the other: either the loop finds the task and does not block, or the producer finds the flag and
 * wakes it. Only the producer whose compare-and-set clears the flag calls {@code wakeup()}, so a burst of
 * tasks costs one wakeup, and a loop that is busy costs none.
 */
final class TaskHandoff {

    /** A {@link #sleep} timeout: poll the selector without blocking. */
    static final long NO_SLEEP = -1;
    /** A {@link #sleep} timeout: block until a socket is ready or {@link #post} wakes the loop. */
    static final long UNTIL_WOKEN = 0;

    private final Selector selector;
    private final int maxTasksPerTurn;
    private final Consumer<Throwable> onTaskFailure;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean mayBeSleeping = new AtomicBoolean();

    TaskHandoff(Selector selector, int maxTasksPerTurn, Consumer<Throwable> onTaskFailure) {
        this.selector = selector;
        this.maxTasksPerTurn = maxTasksPerTurn;
        this.onTaskFailure = onTaskFailure;
    }

    /** Any thread: queue {@code task} for the loop and wake it if it may be sleeping. Never blocks. */
    void post(Runnable task) {
        tasks.add(task);
        if (mayBeSleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /** Loop thread: runs queued tasks in order, at most {@code maxTasksPerTurn} of them; returns how many. */
    int runPending() {
        Runnable task;
        int n = 0;
        for (; n < maxTasksPerTurn && (task = tasks.poll()) != null; n++) {
            try {
                task.run();
            } catch (Throwable e) {
                onTaskFailure.accept(e); // one broken task must not take the loop (and all its clients) down
            }
        }
        return n;
    }

    /**
     * Loop thread: selects, blocking for at most {@code timeoutMillis} ({@link #UNTIL_WOKEN} for no limit,
     * {@link #NO_SLEEP} for not at all), unless a task is already waiting.
     */
    void sleep(long timeoutMillis) throws IOException {
        if (timeoutMillis == NO_SLEEP) {
            selector.selectNow();
            return;
        }
        mayBeSleeping.set(true);
        try {
            if (tasks.isEmpty()) {
                selector.select(timeoutMillis);
            } else {
                selector.selectNow();
            }
        } finally {
            mayBeSleeping.set(false);
        }
    }
}
