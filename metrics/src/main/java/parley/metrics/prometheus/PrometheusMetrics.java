package parley.metrics.prometheus;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.function.DoubleSupplier;
import parley.core.ChatCore;
import parley.core.Nanos;
import parley.history.HistoryStore;
import parley.metrics.ServerMetrics;
import parley.server.RunningServer;

/**
 * The server's metrics in a Prometheus registry: the events the core and the backends report
 * ({@link ServerMetrics}) as counters and a histogram, what they hold (connections, rooms, bytes queued, the
 * history store) read when scraped, and the JVM's own.
 *
 * <p>On the hot path each report is one lock-free add (the client library's counters and histogram buckets
 * are adders); the refusal counter's data points are looked up once, so a refusal allocates nothing.
 *
 * <p><b>Fan-out latency</b> ({@code parley_fanout_seconds}): for each said line, from the moment it reached
 * {@code ChatCore.receive} (before the core's lock, so waiting for the lock counts) to the moment it was queued
 * for its last recipient. It measures the server's own work for a line, not the network: the socket writes
 * that follow are the backends' and are seen as {@code parley_output_queued_bytes}.
 */
public final class PrometheusMetrics implements ServerMetrics {

    /**
     * Fan-out bounds, in seconds: 10 µs (a small room, no contention) to 2.5 s (a loop far behind). Prometheus's
     * defaults start at 5 ms, where a healthy parley server never is.
     */
    private static final double[] FANOUT_BOUNDS = {
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5,
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Clock clock;
    private final Counter accepted;
    private final CounterDataPoint[] refused = new CounterDataPoint[Refusal.values().length];
    private final Counter said;
    private final Counter throttled;
    private final Counter slowConsumers;
    private final Histogram fanOut;

    /** @param clock a monotonic clock ({@link parley.core.MonotonicClock}) for the fan-out time */
    public PrometheusMetrics(Clock clock) {
        this.clock = clock;
        accepted = Counter.builder().name("parley_connections_accepted")
                .help("Connections that passed the connection caps").register(registry);
        Counter refusals = Counter.builder().name("parley_connections_refused")
                .help("Connections refused, told why in one line and closed, by reason").labelNames("reason")
                .register(registry);
        for (Refusal r : Refusal.values()) {
            refused[r.ordinal()] = refusals.labelValues(r.label()); // each reason shows as 0 from the start
        }
        said = Counter.builder().name("parley_messages_said")
                .help("Lines said: room messages, actions and private messages").register(registry);
        throttled = Counter.builder().name("parley_lines_throttled")
                .help("Lines that waited for flood control (--rate-limit) before they were handled").register(registry);
        slowConsumers = Counter.builder().name("parley_slow_consumer_closes")
                .help("Connections closed as slow consumers (hard, soft or global output limit)").register(registry);
        fanOut = Histogram.builder().name("parley_fanout_seconds")
                .help("From a said line's arrival in the core to its queueing for the last recipient")
                .classicOnly().classicUpperBounds(FANOUT_BOUNDS).register(registry);
        JvmMetrics.builder().register(registry);
    }

    /** What the server, the core and the history store hold, read at each scrape. */
    public void watch(RunningServer server, ChatCore core, HistoryStore store) {
        gauge("parley_connections_open", "Connections open now", server::connectionCount);
        gauge("parley_rooms", "Rooms that exist now", () -> core.counts().rooms());
        CounterWithCallback.builder().name("parley_lines_delivered")
                .help("Lines queued for recipients: a line to a room of ten counts ten")
                .callback(cb -> cb.call(core.counts().linesRelayed())).register(registry);
        gauge("parley_output_queued_bytes", "Output held for all connections and not yet written (whole 4 KiB chunks)",
                server::queuedBytes);
        gauge("parley_output_pooled_bytes", "Direct memory the output pool has allocated (kept for reuse)",
                () -> server.outputMemory().allocatedBytes());
        gauge("parley_output_budget_bytes", "The output budget, --max-output-memory",
                () -> server.outputMemory().budgetBytes());
        gauge("parley_history_waiting_lines", "Lines said and not yet stored: the history store's lag",
                () -> store.status().waiting());
        gauge("parley_history_storing", "1 while history is being stored, 0 while the store is failing",
                () -> store.status().storing() ? 1 : 0);
        CounterWithCallback.builder().name("parley_history_stored").help("Lines stored since start")
                .callback(cb -> cb.call(store.status().stored())).register(registry);
        CounterWithCallback.builder().name("parley_history_not_stored")
                .help("Lines that will never be stored (queue full, store failing)")
                .callback(cb -> cb.call(store.status().notStored())).register(registry);
    }

    /** Serves this registry at {@code http://host:port/metrics}; port 0 picks a free one. */
    public MetricsEndpoint serve(String host, int port) throws java.io.IOException {
        return MetricsEndpoint.start(registry, host, port);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }

    @Override
    public void accepted() {
        accepted.inc();
    }

    @Override
    public void refused(Refusal why) {
        refused[why.ordinal()].inc();
    }

    @Override
    public long lineArrived() {
        return Nanos.of(clock);
    }

    @Override
    public void said(long arrivedNanos) {
        said.inc();
        fanOut.observe((Nanos.of(clock) - arrivedNanos) / 1e9);
    }

    @Override
    public void throttled() {
        throttled.inc();
    }

    @Override
    public void slowConsumerClosed() {
        slowConsumers.inc();
    }
}
