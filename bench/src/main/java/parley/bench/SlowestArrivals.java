package parley.bench;

import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * When the slowest arrivals of a crowd set out: the second of the window in which each connection whose
 * connect time is at the percentile or above called connect(). A tail that all set out in the first second
 * is the server warming up (classes loading, the JIT); one that sets out every few seconds is something
 * periodic (the presence summaries, a collection); one spread evenly is the load itself.
 */
final class SlowestArrivals {

    /** One connection: how long after the window opened it called connect(), and how long until its welcome. */
    record Arrival(long startedAfterNanos, long connectNanos) {
    }

    private SlowestArrivals() {
    }

    /**
     * A note such as "the slowest 1% (100) by the second of the window they set out in: 0: 92, 5: 8"; empty with no
     * arrivals.
     *
     * @param thresholdNanos the connect time at the percentile: arrivals at least this slow are counted
     */
    static String describe(List<Arrival> arrivals, double percentile, long thresholdNanos) {
        Map<Long, Long> bySecond = arrivals.stream().filter(a -> a.connectNanos() >= thresholdNanos)
                .collect(Collectors.groupingBy(a -> Math.max(0, a.startedAfterNanos()) / 1_000_000_000L,
                        TreeMap::new, Collectors.counting()));
        if (bySecond.isEmpty()) {
            return "";
        }
        long total = bySecond.values().stream().mapToLong(Long::longValue).sum();
        String seconds = bySecond.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format("the slowest %s%% (%,d) by the second of the window they set out in: %s",
                new DecimalFormat("0.##").format(100 - percentile), total, seconds);
    }
}
