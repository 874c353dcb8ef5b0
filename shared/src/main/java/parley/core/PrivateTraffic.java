package parley.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * A cap on the private messages one person receives from everyone together, in lines and in bytes per
 * second: two token buckets per recipient, made on their first private message. Without it, senders who each
 * stay within their own rate limit could together queue more for one reader than it can take, and get it
 * closed as a slow consumer (a targeted kick). Past the cap the sender is told, and nothing is queued.
 *
 * <p>Under the core's lock.
 */
final class PrivateTraffic {

    /** A recipient's two buckets. */
    static final class Inbox {
        private final TokenBucket lines;
        private final TokenBucket bytes;

        private Inbox(TokenBucket lines, TokenBucket bytes) {
            this.lines = lines;
            this.bytes = bytes;
        }
    }

    private final SessionLimits limits;
    private final Clock clock;

    PrivateTraffic(SessionLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Takes {@code text}'s share of {@code recipient}'s allowance, or says why it cannot be sent now. A
     * message to oneself is not counted.
     */
    Optional<String> admit(Session sender, Session recipient, String text) {
        if (sender == recipient) {
            return Optional.empty();
        }
        Inbox inbox = recipient.privateInbox();
        if (inbox == null) {
            inbox = new Inbox(bucket(limits.privateLines()), bucket(limits.privateBytes()));
            recipient.privateInbox(inbox);
        }
        boolean fits = inbox.lines == null || inbox.lines.untilNextToken().isZero();
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (fits && (inbox.bytes == null || inbox.bytes.tryTake(size))) {
            if (inbox.lines != null) {
                inbox.lines.tryTake();
            }
            return Optional.empty();
        }
        return Optional.of(recipient.nick() + " is receiving more private messages than they can read; this one"
                + " was not sent, try again in a moment");
    }

    private TokenBucket bucket(RateLimit limit) {
        return limit.isOff() ? null : new TokenBucket(limit, clock);
    }
}
