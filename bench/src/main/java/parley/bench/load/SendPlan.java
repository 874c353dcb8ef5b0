package parley.bench.load;

/**
 * When and how fast the senders of a room run send. Times are nanoseconds after {@code origin}
 * ({@code System.nanoTime()} when sending was scheduled), the clock the payloads carry.
 *
 * <pre>
 *  origin   sendStart        measureStart                 measureEnd        (drain)
 *    |---------|--- warm-up ------|------- measured window -----|--- until all arrived ---|
 * </pre>
 *
 * @param rate          true: each sender sends at a fixed rate ({@code periodNanos} apart, phases spread);
 *                      false: each sender keeps {@code window} of its own messages in flight
 * @param periodNanos   time between two messages of one sender (rate mode)
 * @param window        messages in flight per sender (window mode)
 * @param origin        the {@code System.nanoTime()} that times count from
 * @param sendStart     when the first message is due
 * @param measureStart  messages stamped from here on are measured
 * @param measureEnd    no message is stamped at or after this
 */
public record SendPlan(boolean rate, long periodNanos, int window, long origin, long sendStart, long measureStart,
                       long measureEnd) {

    /** Whether a message stamped {@code stamp} falls in the measured window. */
    public boolean measured(long stamp) {
        return stamp >= measureStart && stamp < measureEnd;
    }

    public double windowSeconds() {
        return (measureEnd - measureStart) / 1e9;
    }
}
