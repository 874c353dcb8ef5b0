package parley.bench;

import java.util.List;
import parley.bench.load.LoadClient;
import parley.bench.measure.LatencyRecorder;

/**
 * How a crowd of connections arrived: each one's connect time (connect() to the first byte, the welcome) and
 * how many are in and still open.
 */
record Arrivals(LatencyRecorder connectTimes, int held) {

    static Arrivals of(List<LoadClient> clients) {
        LatencyRecorder connect = new LatencyRecorder();
        int held = 0;
        for (LoadClient c : clients) {
            if (c.connectNanos() >= 0) {
                connect.record(c.connectNanos());
            }
            if (c.isReady() && !c.isClosed()) {
                held++;
            }
        }
        return new Arrivals(connect, held);
    }
}
