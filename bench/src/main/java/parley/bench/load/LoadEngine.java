package parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import parley.bench.measure.LatencyRecorder;
import parley.server.DaemonThreads;

/**
 * The load generator: a few {@link LoadLoop} threads, clients dealt to them in turn. Against a cluster the
 * clients are spread over its nodes round-robin, and {@link #latency()} keeps only the deliveries that crossed
 * from one node to another.
 *
 * <pre>
 *                 +--&gt; LoadLoop 0 (selector, clients 0, L, 2L, ...)  --+
 *  driver thread -+--&gt; LoadLoop 1 (selector, clients 1, L+1, ...)     --+--&gt; RunState (counters, plan, flags)
 *                 +--&gt; ...                                            --+
 *  stop(): flag + wakeup, join; then results are read from the loops' own fields.
 * </pre>
 */
public final class LoadEngine implements AutoCloseable {

    private final RunState state;
    private final List<LoadLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private int dealt;
    private boolean stopped;

    public LoadEngine(RunState state, InetSocketAddress target, int loopCount) throws IOException {
        this(state, List.of(target), loopCount);
    }

    /**
     * Clients spread over several servers (the nodes of a cluster): client {@code i} connects to node
     * {@code i % nodes.size()}, so neighbours in the room sit on different nodes.
     */
    public LoadEngine(RunState state, List<InetSocketAddress> nodes, int loopCount) throws IOException {
        this.state = state;
        ThreadFactory loopThreads = DaemonThreads.named("bench-load");
        for (int i = 0; i < Math.max(1, loopCount); i++) {
            LoadLoop loop = new LoadLoop(state, List.copyOf(nodes));
            loops.add(loop);
            threads.add(loopThreads.newThread(loop));
        }
        threads.forEach(Thread::start);
    }

    public RunState state() {
        return state;
    }

    /** Starts connecting {@code client} on the next loop. */
    public void connect(LoadClient client) {
        loops.get(dealt++ % loops.size()).connect(client);
    }

    /** Publishes the sending plan to every loop. */
    public void startSending(SendPlan plan) {
        state.plan = plan;
        loops.forEach(LoadLoop::wakeup);
    }

    /** True once every loop has seen each of its members receive everything that was sent. */
    public boolean drained() {
        return loops.stream().allMatch(LoadLoop::drained);
    }

    /** Stops the loops and waits for them (bounded); results may be read afterwards. */
    public void stop() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        state.stop = true;
        loops.forEach(LoadLoop::wakeup);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            if (t.isAlive()) {
                state.error("load generator thread " + t.getName() + " did not stop");
            }
        }
    }

    /** Every client, after {@link #stop()}. */
    public List<LoadClient> clients() {
        List<LoadClient> all = new ArrayList<>();
        loops.forEach(l -> all.addAll(l.clients()));
        return all;
    }

    /** All loops' latencies, merged, after {@link #stop()}. */
    public LatencyRecorder latency() {
        LatencyRecorder merged = new LatencyRecorder();
        loops.forEach(l -> merged.add(l.latency()));
        return merged;
    }

    /**
     * With clients on several nodes: the latencies of deliveries whose sender is on the receiver's own node
     * (the others are in {@link #latency()}); empty with one node, where {@link #latency()} has them all.
     */
    public LatencyRecorder sameNodeLatency() {
        LatencyRecorder merged = new LatencyRecorder();
        loops.forEach(l -> merged.add(l.sameNodeLatency()));
        return merged;
    }

    public long sentInWindow() {
        return loops.stream().mapToLong(LoadLoop::sentInWindow).sum();
    }

    public long deliveredInWindow() {
        return loops.stream().mapToLong(LoadLoop::deliveredInWindow).sum();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loops.forEach(LoadLoop::closeAll);
        }
    }
}
