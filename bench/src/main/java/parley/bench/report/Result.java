package parley.bench.report;

import java.util.List;
import parley.bench.measure.LatencyRecorder.CurvePoint;

/**
 * One run of one scenario against one target: a flat record (one CSV row, one JSON object) plus the
 * latency curve for the chart. A figure that does not apply (or was not measurable) is {@code NaN}.
 *
 * @param target             e.g. {@code selector}, {@code threaded}, {@code redis}
 * @param scenario           fanout, saturate, idle, lobby or slow
 * @param repeat             which repetition (1-based); 0 for a median of several
 * @param messagesPerSec     messages sent per second in the measured window
 * @param deliveriesPerSec   messages received per second, counting each receiver (window)
 * @param p50Ms              latency percentiles in ms (idle, lobby: connect time)
 * @param lost               messages some member never received (idle: connections not held)
 * @param reordered          arrivals after a later message of the same sender
 * @param serverCpuSeconds   server user+system CPU during the measured window (idle: while connecting)
 * @param peakRssMiB         the server's VmHWM at the end of the run
 * @param threads            the server's most threads seen during the run
 * @param loadGenCpuSeconds  the bench process's CPU during the same window
 * @param otherCpuSeconds    CPU every other program on the machine used in that window (the noise)
 * @param windowSeconds      the measured window
 * @param connections        connections held (idle) or clients in the room
 * @param rssPerConnectionKiB (idle) resident memory added per held connection (both samples after a full GC);
 *                           (lobby) the same without any GC, as the operator sees it
 * @param heapPerConnectionKiB (idle) live Java heap added per held connection (after a full GC; NaN for Redis)
 * @param notes              what else happened: skipped, errors, slow clients closed
 * @param curve              latency by percentile (ms)
 */
public record Result(String target, String scenario, int repeat, double messagesPerSec, double deliveriesPerSec,
                     double p50Ms, double p99Ms, double p999Ms, double maxMs, double lost, double reordered,
                     double serverCpuSeconds, double peakRssMiB, double threads, double loadGenCpuSeconds,
                     double otherCpuSeconds, double windowSeconds, double connections, double rssPerConnectionKiB,
                     double heapPerConnectionKiB, String notes,
                     List<CurvePoint> curve) {

    /** A row for a target that could not be run, with the reason. */
    public static Result skipped(String target, String scenario, int repeat, String why) {
        double n = Double.NaN;
        return new Result(target, scenario, repeat, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n,
                "skipped: " + why, List.of());
    }

    public boolean isSkipped() {
        return notes.startsWith("skipped");
    }

    public Result withRepeat(int value) {
        return new Result(target, scenario, value, messagesPerSec, deliveriesPerSec, p50Ms, p99Ms, p999Ms, maxMs,
                lost, reordered, serverCpuSeconds, peakRssMiB, threads, loadGenCpuSeconds, otherCpuSeconds, windowSeconds,
                connections, rssPerConnectionKiB, heapPerConnectionKiB, notes, curve);
    }
}
