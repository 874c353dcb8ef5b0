package parley.history;

import java.time.Instant;
import java.util.List;

/**
 * Where the chat core keeps what was said in each room, and the ids that name each line.
 *
 * <p>{@link #append} is called by the core while it holds its lock, so it never waits on a disk or a lock
 * held for long: it assigns the id, queues the line and returns. A line that cannot be queued is counted in
 * {@link HistoryStatus#notStored()} and the chat goes on; the line still has its id and is still delivered.
 *
 * <p>The reads ({@link #latest}, {@link #before}, {@link #after}, {@link #count}) may touch the disk: call them outside the
 * core's lock. Each returns one page of at most {@link #MAX_PAGE} lines, oldest first, and sees every line
 * appended before the call, stored yet or not.
 *
 * <p><b>Private messages are never passed to this store.</b> Anyone may take a free nick and would read what
 * was sent to its previous holder; those kept for a registered nick go to {@code parley.trust.TrustStore}.
 */
public interface HistoryStore extends AutoCloseable {

    /** The most lines one read returns; larger requests are cut to it. */
    int MAX_PAGE = 500;

    /**
     * Assigns the next id, remembers the line and returns it with its id. Ids increase in call order, are
     * unique on the server, and continue after a restart. Never blocks on I/O.
     */
    StoredLine append(String room, StoredLine.Kind kind, Instant time, String nick, String address, String text);

    /** The last {@code limit} lines of {@code room}, oldest first. */
    List<StoredLine> latest(String room, int limit);

    /** The {@code limit} lines of {@code room} just before id {@code beforeId} (not including it), oldest first. */
    List<StoredLine> before(String room, long beforeId, int limit);

    /** The {@code limit} lines of {@code room} just after id {@code afterId} (not including it), oldest first. */
    List<StoredLine> after(String room, long afterId, int limit);

    /**
     * How many lines of {@code room} have an id between {@code afterId} and {@code beforeId} (both excluded):
     * what a page left out, so a client can say "12 older" or "37 skipped".
     */
    long count(String room, long afterId, long beforeId);

    /** The id {@link #append} gave last, in this run or (for a store that keeps them) an earlier one; 0 for none. */
    long lastIssuedId();

    /** How the store is doing. Cheap: no I/O. */
    HistoryStatus status();

    /** Stores what is waiting (within the store's own time limit), then releases the store. */
    @Override
    void close();

    /** The page size a read uses: {@code requested} cut to {@link #MAX_PAGE}; a size below 1 is a mistake. */
    static int pageSize(int requested) {
        if (requested < 1) {
            throw new IllegalArgumentException("a page holds at least one line, asked for " + requested);
        }
        return Math.min(requested, MAX_PAGE);
    }
}
