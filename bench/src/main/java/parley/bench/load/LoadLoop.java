package parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import parley.bench.measure.LatencyRecorder;

/**
 * One load-generator thread: a selector over its share of the clients. It connects them, reads and decodes
 * what arrives, sends on each sender's schedule, and keeps its own latency histogram and counters, so no
 * two threads ever write the same thing.
 *
 * <pre>
 *  driver --connect(client)--&gt; queue + wakeup --&gt; open, register
 *  loop:  select(until the next message is due, 10 ms at most)
 *         now = nanoTime                       (and again after every read: the receipt time of its bytes)
 *         connect / read / write the ready keys
 *         generate: each sender queues what is due, writes; OP_WRITE only while bytes remain
 *         after the last message: check whether every member has everything (drained)
 * </pre>
 */
public final class LoadLoop implements Runnable {

    private static final long MAX_WAIT_MILLIS = 10;

    private final RunState state;
    /** Where clients connect: one server, or a cluster's nodes (client i on node i % size). */
    private final List<InetSocketAddress> nodes;
    private final Selector selector;
    private final Queue<LoadClient> toConnect = new ConcurrentLinkedQueue<>();
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<LoadClient> senders = new ArrayList<>();
    /** Every delivery's latency with one node; with several, only those from a sender on another node. */
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder sameNodeLatency = new LatencyRecorder();
    private final ByteBuffer scratch;
    private long now;
    private long sentInWindow;
    private long deliveredInWindow;
    private long received;
    private long receivedReported;
    private volatile boolean drained;

    LoadLoop(RunState state, List<InetSocketAddress> nodes) throws IOException {
        this.state = state;
        this.nodes = nodes;
        this.selector = Selector.open();
        this.scratch = ByteBuffer.allocate(state.payload.maxLength());
    }

    Selector selector() {
        return selector;
    }

    long now() {
        return now;
    }

    /** Takes the time anew (after a read) and returns it. */
    long stamp() {
        now = System.nanoTime();
        return now;
    }

    SendPlan plan() {
        return state.plan;
    }

    void sent() {
        sentInWindow++;
    }

    /**
     * A payload of this run arrived; {@code latencyNanos} is negative when it was not in the window.
     *
     * @param receiver the client it reached
     * @param sender   the sender id it carries
     */
    void received(long latencyNanos, LoadClient receiver, int sender) {
        received++;
        if (latencyNanos >= 0) {
            // Senders are the first clients (sender s is client s), so sender s sits on node s % nodes.
            boolean crossed = nodes.size() == 1 || nodeOf(sender) != nodeOf(receiver.index);
            (crossed ? latency : sameNodeLatency).record(latencyNanos);
            deliveredInWindow++;
        }
    }

    /** The node client {@code index} connects to: round-robin, so most pairs of clients sit on different nodes. */
    private int nodeOf(int index) {
        return index % nodes.size();
    }

    /** Hands a client to this loop (any thread). */
    void connect(LoadClient client) {
        toConnect.add(client);
        selector.wakeup();
    }

    void wakeup() {
        selector.wakeup();
    }

    boolean drained() {
        return drained;
    }

    @Override
    public void run() {
        try {
            long nextDrainCheck = 0;
            while (!state.stop) {
                openPending();
                SendPlan plan = state.plan;
                long wait = waitMillis(plan);
                if (wait <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait);
                }
                now = System.nanoTime();
                handleKeys();
                if (received != receivedReported) {
                    state.deliveries.add(received - receivedReported);
                    receivedReported = received;
                }
                if (plan != null) {
                    generate(plan);
                    if (!drained && state.sendersDone.get() == state.senders && now >= nextDrainCheck) {
                        nextDrainCheck = now + 5_000_000;
                        drained = checkDrained();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            state.error("load generator thread failed: " + e);
            drained = true;
        }
    }

    private void openPending() {
        for (LoadClient c; (c = toConnect.poll()) != null; ) {
            clients.add(c);
            if (c.senderId >= 0) {
                senders.add(c);
            }
            try {
                c.open(this, state, nodes.get(nodeOf(c.index)));
            } catch (IOException e) {
                state.failed.incrementAndGet();
                state.error("connect failed: " + e.getMessage());
            }
        }
    }

    private long nextDue = Long.MAX_VALUE;

    private long waitMillis(SendPlan plan) {
        if (!toConnect.isEmpty()) {
            return 0;
        }
        if (plan == null || !plan.rate() || nextDue == Long.MAX_VALUE) {
            return MAX_WAIT_MILLIS;
        }
        long early = nextDue - 1_000_000 - (System.nanoTime() - plan.origin());
        if (early <= 0) {
            return 0;
        }
        return Math.min(MAX_WAIT_MILLIS, (early + 999_999) / 1_000_000);
    }

    private void handleKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            LoadClient c = (LoadClient) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isConnectable()) {
                    c.finishConnect();
                    continue;
                }
                if (key.isReadable()) {
                    c.read(now);
                }
                if (key.isValid() && key.isWritable()) {
                    c.flush();
                }
            } catch (IOException e) {
                if (!c.isReady() && c.connectNanos() < 0) {
                    state.failed.incrementAndGet();
                    state.error("connect failed: " + e.getMessage());
                }
                c.closedByServer(now, "reset: " + e.getMessage());
            }
        }
    }

    private void generate(SendPlan plan) {
        long due = Long.MAX_VALUE;
        for (LoadClient s : senders) {
            try {
                due = Math.min(due, s.generate(now, plan, scratch));
            } catch (IOException e) {
                s.closedByServer(now, "reset: " + e.getMessage());
            }
        }
        nextDue = due;
    }

    private boolean checkDrained() {
        long[] sent = new long[state.senders];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = state.finalSent.get(i);
        }
        for (LoadClient c : clients) {
            if (!c.complete(sent)) {
                return false;
            }
        }
        return true;
    }

    // ---- results: only after the thread has been joined ----

    List<LoadClient> clients() {
        return clients;
    }

    LatencyRecorder latency() {
        return latency;
    }

    LatencyRecorder sameNodeLatency() {
        return sameNodeLatency;
    }

    long sentInWindow() {
        return sentInWindow;
    }

    long deliveredInWindow() {
        return deliveredInWindow;
    }

    void closeAll() {
        for (LoadClient c : clients) {
            c.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing after the run
        }
    }
}
