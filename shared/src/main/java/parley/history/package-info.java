/**
 * Room history: what was said in each room, with the message ids that let a client ask for what it missed.
 *
 * <pre>
 *  chat core (its lock held)                       a history fetch (outside the lock)
 *  --> {@link parley.history.HistoryStore#append}        --> latest / before / after (one page, id order)
 *      assigns the id, queues the line, never waits       |
 *      |                                                  |
 *      v                                                  v
 *  {@link parley.history.MemoryHistoryStore}: the last N lines per room, gone at exit ({@code --data none})
 *  parley.history.sqlite.SqliteHistoryStore (module history-store): a SQLite file written by one thread
 * </pre>
 *
 * The store knows nothing of events, sockets or the protocol: the core maps each room message and action to
 * a {@link parley.history.StoredLine}. Private messages are never handed to this store (anyone can take a free
 * nick, so a stored private message could be read by the next holder of the nick); only those for a registered
 * nick are kept, by {@code parley.trust.TrustStore}.
 */
package parley.history;
