package parley.bench.measure;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one run, in nanoseconds, as an HdrHistogram (3 significant digits, up to an hour).
 *
 * <p>Not thread-safe: every load-generator thread records into its own recorder, and the recorders are
 * {@linkplain #add merged} once the threads have stopped. A latency is taken from the <em>intended</em> send
 * time the sender put into the message, so a server (or a load generator) that falls behind is charged for
 * every message it held back, not only for the ones it sent late (no coordinated omission).
 */
public final class LatencyRecorder {

    /** The percentiles a curve is drawn through (100 = max). */
    private static final double[] CURVE = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};

    private static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final Histogram histogram = new Histogram(1, HIGHEST_NANOS, 3);

    /** Records one latency; negative values (clock steps cannot happen with nanoTime, rounding can) count as 0. */
    public void record(long nanos) {
        histogram.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, nanos)));
    }

    /** Adds everything {@code other} recorded to this recorder. */
    public void add(LatencyRecorder other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0 to 100) in milliseconds; 0 when nothing was recorded. */
    public double percentileMillis(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1e6;
    }

    /** Points (percentile, milliseconds) of the latency-by-percentile curve; empty when nothing was recorded. */
    public List<CurvePoint> curve() {
        List<CurvePoint> points = new ArrayList<>();
        if (count() == 0) {
            return points;
        }
        for (double p : CURVE) {
            points.add(new CurvePoint(p, p >= 100 ? maxMillis() : percentileMillis(p)));
        }
        return points;
    }

    /** One point of a latency curve: {@code millis} at {@code percentile}. */
    public record CurvePoint(double percentile, double millis) {
    }
}
