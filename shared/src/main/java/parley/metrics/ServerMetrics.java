package parley.metrics;

/**
 * What the core and the backends tell whoever counts for an operator: the events that are not visible as a
 * count somewhere already (connections open, rooms, lines relayed and bytes queued are read from the server
 * and the core when someone asks, see {@code parley.metrics.prometheus}).
 *
 * <p>Called on the hot path (under the core's lock, on event loops), so an implementation must be cheap: an
 * atomic add, no lock, no allocation, never a block. {@link #NONE} does nothing and reads no clock.
 */
public interface ServerMetrics {

    /** Counts nothing: the default for a core, a server or a test that nobody scrapes. */
    ServerMetrics NONE = new ServerMetrics() {
    };

    /** Why a connection was refused, as a metric label: a short fixed word, never text from a client. */
    enum Refusal {
        /** {@code --max-clients} reached. */
        SERVER_FULL,
        /** {@code --max-per-ip} reached for the peer's address. */
        PER_ADDRESS,
        /** {@code --max-connect-rate} (server, address or network) exceeded. */
        CONNECT_RATE,
        /** Any other reason a newer admission rule gives. */
        OTHER;

        /** The label value: {@code server_full}, {@code per_address}, {@code connect_rate}, {@code other}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A connection passed the connection caps and is being served. */
    default void accepted() {
    }

    /** A connection was refused, told why in one line and closed. */
    default void refused(Refusal why) {
    }

    /**
     * The time a line reached the core, in nanoseconds on this object's own monotonic clock, before the core's
     * lock is taken (so waiting for the lock counts in the fan-out latency). {@link #NONE} returns 0.
     */
    default long lineArrived() {
        return 0;
    }

    /**
     * A said line (a message, an action or a private message) has been queued for its last recipient.
     *
     * @param arrivedNanos what {@link #lineArrived()} returned when the line reached the core
     */
    default void said(long arrivedNanos) {
    }

    /** A line had to wait for its connection's flood-control token (counted once per waiting line). */
    default void throttled() {
    }

    /** A connection is being closed as a slow consumer (a hard, soft or global output limit). */
    default void slowConsumerClosed() {
    }
}
