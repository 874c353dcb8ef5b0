/**
 * The one place that knows Prometheus: {@link parley.metrics.prometheus.PrometheusMetrics} implements the
 * shared {@link parley.metrics.ServerMetrics} with the client library's counters and a histogram, reads the
 * server's gauges at scrape time, and {@link parley.metrics.prometheus.MetricsEndpoint} serves them.
 *
 * <pre>
 *  ChatCore, Gatekeeper, backends --ServerMetrics--> PrometheusMetrics (adders, fan-out histogram)
 *  RunningServer, ChatCore.counts(), HistoryStore.status() <--read at scrape-- GaugeWithCallback / CounterWithCallback
 *  Prometheus --GET /metrics--> MetricsEndpoint (JDK HTTP server, one daemon thread) --> text format
 * </pre>
 *
 * Nothing else depends on this module but the launcher, which wires it for {@code parley server --metrics}.
 */
package parley.metrics.prometheus;
