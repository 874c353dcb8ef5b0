package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parley.bench.measure.LatencyRecorder;
import parley.bench.target.ProcessSample;

class ClusterNotesTest {

    @Test
    void theShareOfDeliveriesThatCrossedNodesAndTheSameNodeLatencies() {
        LatencyRecorder crossed = new LatencyRecorder();
        LatencyRecorder same = new LatencyRecorder();
        for (int i = 0; i < 3; i++) {
            crossed.record(4_000_000);
        }
        same.record(2_000_000);
        assertThat(ClusterNotes.latency(2, crossed, same)).isEqualTo(
                "2 nodes: 75% of deliveries crossed nodes (the latencies shown); same-node p50 2.00 ms, p99 2.00 ms");
        assertThat(ClusterNotes.latency(3, new LatencyRecorder(), new LatencyRecorder()))
                .isEqualTo("3 nodes: no deliveries measured");
    }

    @Test
    void eachProcessesCpuInTheWindowLeavingOutOneThatWasNotThereAtBothEnds() {
        Map<String, ProcessSample> start = new LinkedHashMap<>();
        start.put("n1", new ProcessSample(1_000_000_000L, 0, 0, 1));
        start.put("redis-server", new ProcessSample(500_000_000L, 0, 0, 1));
        Map<String, ProcessSample> end = new LinkedHashMap<>();
        end.put("n1", new ProcessSample(4_100_000_000L, 0, 0, 1));
        end.put("n2", new ProcessSample(9_000_000_000L, 0, 0, 1));
        end.put("redis-server", new ProcessSample(1_700_000_000L, 0, 0, 1));
        assertThat(ClusterNotes.cpu(start, end)).isEqualTo("CPU s: n1 3.1, redis-server 1.2");
        assertThat(ClusterNotes.cpu(Map.of(), Map.of())).isEmpty();
    }
}
