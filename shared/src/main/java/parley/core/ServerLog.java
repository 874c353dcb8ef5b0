package parley.core;

import parley.log.AddressPolicy;
import parley.log.LogEvent;

/**
 * Where servers report connects, disconnects and refusals: the launcher writes them to stderr, as text or
 * JSON, with repeats summed up and addresses shown as the operator chose (package {@code parley.log}).
 */
@FunctionalInterface
public interface ServerLog {

    /** A line of plain text: for what names no event and carries no client's address or text. */
    void info(String message);

    /**
     * An event with typed fields. Anything that carries a client's address or text is logged this way, so the
     * log can hide the address and bound the text. By default written as its text line, addresses in full.
     */
    default void event(LogEvent event) {
        info(event.message(AddressPolicy.full()));
    }

    /** A log that discards everything, for tests that do not look at it. */
    static ServerLog silent() {
        return message -> { };
    }
}
