package parley.metrics.prometheus;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import parley.server.DaemonThreads;

/**
 * The HTTP endpoint Prometheus scrapes: {@code GET /metrics} in the text format, on the JDK's HTTP server, with
 * one daemon thread (a scrape every few seconds needs no more, and it never keeps the process alive).
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer http;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer http, InetSocketAddress address) {
        this.http = http;
        this.address = address;
    }

    static MetricsEndpoint start(PrometheusRegistry registry, String host, int port) throws IOException {
        ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("parley-metrics"));
        try {
            HTTPServer http = HTTPServer.builder().hostname(host).port(port).registry(registry)
                    .executorService(thread).buildAndStart();
            return new MetricsEndpoint(http, new InetSocketAddress(host, http.getPort()));
        } catch (IOException | RuntimeException e) {
            thread.shutdownNow();
            throw e;
        }
    }

    /** The address bound: the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        http.close();
    }
}
