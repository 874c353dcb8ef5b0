/**
 * The server's counters, as an interface with no dependency: the core and both backends call
 * {@link parley.metrics.ServerMetrics} at the points that matter, and know nothing of who counts.
 *
 * <pre>
 *  backends (Gatekeeper, flood control, slow-consumer close)  --> ServerMetrics.accepted / refused / throttled /
 *  ChatCore.receive ... speak / privateMessage                     slowConsumerClosed / lineArrived + said
 *        --> ServerMetrics.NONE (nothing), or module metrics' PrometheusMetrics (LongAdders, a histogram)
 *            which an operator scrapes over HTTP ({@code parley server --metrics HOST:PORT})
 * </pre>
 */
package parley.metrics;
