package parley.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.conformance.ChatClient;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.MonotonicClock;
import parley.core.RateLimit;
import parley.core.LocalRelay;
import parley.core.ServerLog;
import parley.core.TrustSettings;
import parley.history.MemoryHistoryStore;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/**
 * A real server of each backend on 127.0.0.1:0 with its metrics served on another free port: people chat, and
 * the scrape of {@code /metrics} over HTTP, parsed from the text format, shows what happened.
 */
@Timeout(120)
class ScrapeTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningServer server;
    private MetricsEndpoint endpoint;

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"selector", "threaded"})
    void aChatExchangeMovesTheCounters(String backend) throws Exception {
        // Two connections per address (the third is refused) and one line a second, burst one (the second and
        // third lines said in a row wait for flood control).
        InetSocketAddress address = start(backend, ServerSettings.forTests().withLimits(l -> l
                .withConnectionCaps(100, 2).withRateLimit(RateLimit.parse("1/1"))));
        Map<String, Double> before = scrape();
        assertThat(before).containsEntry("parley_connections_open", 0.0)
                .containsEntry("parley_connections_accepted_total", 0.0)
                .containsEntry("parley_connections_refused_total{reason=\"per_address\"}", 0.0)
                .containsEntry("parley_rooms", 1.0);

        ChatClient alice = join(address);
        ChatClient bob = join(address);
        ChatClient third = client(ChatClient.connect(address));
        third.awaitContaining("too many connections from your address");
        for (int i = 1; i <= 3; i++) {
            alice.send("hello " + i);
        }
        bob.awaitContaining("> hello 3");
        alice.send("/msg guest2 psst");
        bob.awaitContaining("psst");
        alice.send("/join side");
        alice.awaitContaining("you are now in #side");

        Map<String, Double> after = scrape();
        assertThat(after).containsEntry("parley_connections_open", 2.0)
                .containsEntry("parley_connections_accepted_total", 2.0)
                .containsEntry("parley_connections_refused_total{reason=\"per_address\"}", 1.0)
                .containsEntry("parley_connections_refused_total{reason=\"server_full\"}", 0.0)
                .containsEntry("parley_rooms", 2.0)
                .containsEntry("parley_messages_said_total", 4.0)
                .containsEntry("parley_fanout_seconds_count", 4.0)
                .containsEntry("parley_history_stored_total", 3.0)
                .containsEntry("parley_history_storing", 1.0)
                .containsEntry("parley_slow_consumer_closes_total", 0.0);
        assertThat(after.get("parley_lines_throttled_total")).as("lines that waited for a token").isGreaterThanOrEqualTo(2);
        // Three lines to two people, a private message to both ends, and every welcome, list and notice.
        assertThat(after.get("parley_lines_delivered_total")).isGreaterThan(before.get("parley_lines_delivered_total") + 8);
        assertThat(after.get("parley_fanout_seconds_sum")).isPositive().isLessThan(10);
        assertThat(after.get("parley_fanout_seconds_bucket{le=\"+Inf\"}")).isEqualTo(4.0);
        assertThat(after).containsKeys("parley_output_queued_bytes", "parley_output_budget_bytes",
                "parley_history_waiting_lines", "jvm_threads_current", "jvm_memory_used_bytes{area=\"heap\"}");

        // What Prometheus asks for when native histograms are on: the protobuf format, not an error.
        HttpResponse<byte[]> protobuf = http.send(HttpRequest.newBuilder(metricsUri())
                .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
                        + "encoding=delimited").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(protobuf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/vnd.google.protobuf"));
        assertThat(new String(protobuf.body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("parley_messages_said");

        alice.close();
        bob.close();
        await().atMost(ChatClient.PATIENCE).until(() -> scrape().get("parley_connections_open") == 0.0);
        assertThat(scrape()).containsEntry("parley_rooms", 1.0).containsEntry("parley_output_queued_bytes", 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"selector", "threaded"})
    void aSlowConsumerClosedIsCounted(String backend) throws Exception {
        InetSocketAddress address = start(backend,
                ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(256 * 1024)));
        ChatClient talker = join(address);
        ChatClient listener = join(address);
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(address);
            String payload = " " + "z".repeat(3900);
            // Kernel buffers absorb an unknown amount before the server's queue for the stuck reader grows.
            for (int sent = 0; listener.seen().stream().noneMatch(l -> l.contains("left #lobby")) && sent < 10_000; ) {
                for (int i = 0; i < 5; i++, sent++) {
                    talker.send(sent + payload);
                }
                listener.awaitContaining("> " + (sent - 1) + " ");
            }
            assertThat(listener.seen()).anyMatch(l -> l.contains("left #lobby") && l.contains("slow consumer"));
            assertThat(scrape()).containsEntry("parley_slow_consumer_closes_total", 1.0);
        }
    }

    private InetSocketAddress start(String backend, ServerSettings settings) throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics(MonotonicClock.start());
        MemoryHistoryStore store = new MemoryHistoryStore(100, 10);
        ChatCore core = new ChatCore(Clock.systemUTC(), ServerLog.silent(), CoreSettings.defaults(), store,
                Runnable::run, TrustSettings.inMemory(), metrics, new LocalRelay(store));
        server = Backends.discover().find(backend).orElseThrow().start(settings, core);
        metrics.watch(server, core, store);
        endpoint = metrics.serve("127.0.0.1", 0);
        return server.address();
    }

    private ChatClient join(InetSocketAddress address) throws IOException {
        ChatClient c = client(ChatClient.connect(address));
        c.awaitContaining("welcome to parley");
        return c;
    }

    private ChatClient client(ChatClient c) {
        open.add(c);
        return c;
    }

    private URI metricsUri() {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");
    }

    /** {@code GET /metrics}, each sample line as {@code name{labels}} to its value. */
    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
