package parley.bench.target;

/**
 * A server process at one moment, from {@code /proc/PID/stat} and {@code /proc/PID/status}.
 *
 * @param cpuNanos  user + system CPU time so far
 * @param rssBytes  resident memory now (VmRSS)
 * @param peakRssBytes the most resident memory so far (VmHWM)
 * @param threads   threads now
 */
public record ProcessSample(long cpuNanos, long rssBytes, long peakRssBytes, int threads) {
}
