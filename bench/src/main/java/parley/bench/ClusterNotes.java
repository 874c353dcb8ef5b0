package parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parley.bench.measure.LatencyRecorder;
import parley.bench.target.ProcessSample;

/**
 * What a cluster row says besides its columns: how many deliveries crossed nodes and the same-node latency (the
 * row's own percentiles are the cross-node ones), and each process's CPU (the row's server CPU is their sum).
 */
final class ClusterNotes {

    private ClusterNotes() {
    }

    /**
     * e.g. {@code 2 nodes: 50% of deliveries crossed nodes (the latencies shown); same-node p50 1.20 ms, p99 3.10 ms}.
     */
    static String latency(int nodes, LatencyRecorder crossed, LatencyRecorder sameNode) {
        long all = crossed.count() + sameNode.count();
        String share = all == 0 ? "no deliveries measured"
                : String.format(Locale.ROOT, "%.0f%% of deliveries crossed nodes (the latencies shown)",
                        100.0 * crossed.count() / all);
        String same = sameNode.count() == 0 ? "" : String.format(Locale.ROOT, "; same-node p50 %.2f ms, p99 %.2f ms",
                sameNode.percentileMillis(50), sameNode.percentileMillis(99));
        return nodes + " nodes: " + share + same;
    }

    /**
     * e.g. {@code CPU s: n1 3.1, n2 3.0, redis-server 1.2}: each process's CPU between two samples; empty for a
     * target of one process, and a process missing from either sample is left out.
     */
    static String cpu(Map<String, ProcessSample> start, Map<String, ProcessSample> end) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ProcessSample> e : end.entrySet()) {
            ProcessSample first = start.get(e.getKey());
            if (first != null) {
                parts.add(String.format(Locale.ROOT, "%s %.1f", e.getKey(),
                        (e.getValue().cpuNanos() - first.cpuNanos()) / 1e9));
            }
        }
        return parts.isEmpty() ? "" : "CPU s: " + String.join(", ", parts);
    }
}
