/**
 * Room history in an embedded SQLite file ({@code --data DIR}): the durable {@link parley.history.HistoryStore}.
 *
 * <pre>
 *  chat core --append--> {@link parley.history.sqlite.SqliteHistoryStore} (assigns the id, queues, never waits)
 *                              | PendingLines: bounded, lines stay until committed (reads see them)
 *                              v
 *                        Writer (one thread): group commit, id reservation, retention steps, retry on failure
 *                              | LineInserts: the INSERT, prepared once per connection; room numbers
 *                              v
 *                        DIR/history.db (WAL)  <--- LineReader (its own connection): latest / before / after
 * </pre>
 *
 * {@code Database} holds the schema and the connection settings, {@code IdReservation} the rule that ids are
 * never reused, {@code Retention} the background deletes. {@link parley.history.sqlite.SqliteTrustStore} keeps
 * accounts, kept private messages, bans and topics in tables of the same file, written by a thread of its own.
 */
package parley.history.sqlite;
