package parley.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import parley.core.ChatCore;
import parley.core.MonotonicClock;
import parley.history.HistoryStore;
import parley.log.AddressPolicy;
import parley.log.LogFormat;
import parley.metrics.ServerMetrics;
import parley.metrics.prometheus.MetricsEndpoint;
import parley.metrics.prometheus.PrometheusMetrics;
import parley.server.RunningServer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What an operator runs a server with: metrics to scrape and a log to keep (docs/OPERATIONS.md). */
final class OperationsOptions {

    /** Where metrics are served: {@code HOST:PORT}, {@code [IPv6]:PORT} or a bare {@code PORT} on loopback. */
    record MetricsAddress(String host, int port) {
    }

    /** The format of the log on stderr. */
    enum LogFormatChoice { text, json }

    @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = MetricsAddressConverter.class,
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics; a bare PORT listens on 127.0.0.1, "
                    + "0 picks a free port (printed at start). Default: off.")
    MetricsAddress metricsAddress;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "The log on stderr: text (a line per event) or json (an object per line, for log "
                    + "shippers). Default: ${DEFAULT-VALUE}.")
    LogFormatChoice logFormat;

    @Option(names = "--log-addresses", paramLabel = "MODE", defaultValue = "full", converter = AddressMode.class,
            description = "How the log shows clients' addresses: full, hashed (a keyed hash, the same for one ip "
                    + "for this run only) or none. Default: ${DEFAULT-VALUE}.")
    AddressPolicy.Mode logAddresses;

    private PrometheusMetrics metrics;

    /** The server's log as chosen. */
    StderrLog openLog(Clock clock, PrintWriter err) {
        LogFormat format = logFormat == LogFormatChoice.json ? new JsonLogFormat() : LogFormat.text(clock.getZone());
        return new StderrLog(clock, err, format, AddressPolicy.of(logAddresses));
    }

    /** What the core and the backends report to: Prometheus's counters with {@code --metrics}, else nothing. */
    ServerMetrics metrics() {
        if (metricsAddress == null) {
            return ServerMetrics.NONE;
        }
        if (metrics == null) {
            metrics = new PrometheusMetrics(MonotonicClock.start());
        }
        return metrics;
    }

    /**
     * Starts the metrics endpoint for {@code server} and says where on {@code out}; with no {@code --metrics},
     * nothing. The endpoint is closed with what this returns.
     */
    AutoCloseable serveMetrics(RunningServer server, ChatCore core, HistoryStore store, PrintWriter out)
            throws IOException {
        if (metricsAddress == null) {
            return () -> { };
        }
        PrometheusMetrics prometheus = (PrometheusMetrics) metrics();
        prometheus.watch(server, core, store);
        MetricsEndpoint endpoint = prometheus.serve(metricsAddress.host(), metricsAddress.port());
        out.println("metrics on http://" + Ports.describe(metricsAddress.host(), endpoint.address().getPort())
                + "/metrics");
        return endpoint;
    }

    /** {@code 9100}, {@code :9100}, {@code 0.0.0.0:9100}, {@code [::1]:9100}. */
    static final class MetricsAddressConverter implements ITypeConverter<MetricsAddress> {
        @Override
        public MetricsAddress convert(String value) {
            String host;
            String port;
            if (value.startsWith("[")) {
                int close = value.indexOf("]:");
                if (close < 0) {
                    throw new TypeConversionException("'" + value + "' is not [IPv6]:PORT");
                }
                host = value.substring(1, close);
                port = value.substring(close + 2);
            } else {
                int colon = value.lastIndexOf(':');
                host = colon < 0 ? "" : value.substring(0, colon);
                port = value.substring(colon + 1);
            }
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 65535) {
                throw new TypeConversionException("'" + value + "' is not HOST:PORT with a port from 0 to 65535");
            }
            return new MetricsAddress(host.isEmpty() ? "127.0.0.1" : host, number);
        }
    }

    static final class AddressMode implements ITypeConverter<AddressPolicy.Mode> {
        @Override
        public AddressPolicy.Mode convert(String value) {
            try {
                return AddressPolicy.Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
