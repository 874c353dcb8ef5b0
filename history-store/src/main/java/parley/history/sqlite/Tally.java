package parley.history.sqlite;

import java.util.concurrent.atomic.AtomicLong;

/** What the store has done with the lines it was given; written by appenders and the writer, read by status. */
final class Tally {

    /** Accepted into the queue. */
    final AtomicLong queued = new AtomicLong();
    /** Refused at the door: the queue was full, or the store was closed. */
    final AtomicLong dropped = new AtomicLong();
    /** Dropped since the writer's last commit: says the writer is behind. */
    final AtomicLong droppedSinceCommit = new AtomicLong();
    /** Accepted, then given up at close while the store was failing. */
    final AtomicLong lost = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong transactions = new AtomicLong();
    volatile long lastStoredId;
    /** Why the last write failed, in words; null once a write succeeds again. */
    volatile String failure;

    long waiting() {
        return queued.get() - stored.get() - lost.get();
    }

    String problem() {
        String why = failure;
        if (why != null) {
            return why + "; retrying";
        }
        return droppedSinceCommit.get() > 0 ? "the writer is behind and lines are being dropped" : null;
    }
}
