package parley.bench.load;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load-generator threads of one run share with each other and with the thread that drives the run:
 * only counters, flags and queues that are safe across threads. Everything else a loop thread owns alone.
 */
public final class RunState {

    /** Someone's departure, as announced by the server. */
    public record Departure(String address, String reason, long nanoTime) {
    }

    final WireAdapter adapter;
    final Payload payload;
    final int senders;
    volatile SendPlan plan;
    volatile boolean stop;

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    final AtomicLongArray finalSent;
    final AtomicInteger sendersDone = new AtomicInteger();
    final LongAdder deliveries = new LongAdder();
    /** Bytes every client read, in all. */
    final LongAdder bytesIn = new LongAdder();
    final Queue<Departure> departures = new ConcurrentLinkedQueue<>();
    final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorCount = new AtomicInteger();

    public RunState(WireAdapter adapter, Payload payload, int senders) {
        this.adapter = adapter;
        this.payload = payload;
        this.senders = senders;
        this.finalSent = new AtomicLongArray(senders);
    }

    public int senders() {
        return senders;
    }

    public int connected() {
        return connected.get();
    }

    /** What the server sent to all clients so far, in bytes. */
    public long bytesReceived() {
        return bytesIn.sum();
    }

    /** Clients that are in (ready), failed to connect, or were closed by the server. */
    public int settled() {
        return ready() + failed() + closedByServer();
    }

    public int ready() {
        return ready.get();
    }

    public int failed() {
        return failed.get();
    }

    public int closedByServer() {
        return closedByServer.get();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    public int sendersDone() {
        return sendersDone.get();
    }

    public SendPlan plan() {
        return plan;
    }

    public Queue<Departure> departures() {
        return departures;
    }

    /** The first few distinct-ish errors (at most 20 kept), for the report's notes. */
    public Queue<String> errors() {
        return errors;
    }

    void error(String message) {
        if (errorCount.incrementAndGet() <= 20) {
            errors.add(message);
        }
    }

    public int errorCount() {
        return errorCount.get();
    }
}
