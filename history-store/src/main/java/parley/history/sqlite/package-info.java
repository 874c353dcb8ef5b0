/**
 * Room history in an embedded SQLite file ({@code --data DIR}): the durable {@link parley.history.HistoryStore}.
 *
 * <pre>
 *  chat core --append--> {@link parley.history.sqlite.SqliteHistoryStore} (assigns the id, queues, never waits)
 *                              | PendingLines: bounded, lines stay until committed (reads see them)
 *                              v
 *                        Writer (one thread): group commit, id reservation, retention steps, retry on failure
 *                              | BlockInserts: a batch as one block per room (BlockCodec's bytes), prepared once
 *                              v               per connection; room numbers and line numbers
 *                        DIR/history.db (WAL)  <--- LineReader (its own connection): latest / before / after / count
 *                                                   decode a room's blocks from the anchor and cut by id
 * </pre>
 *
 * {@code Database} holds the schema and the connection settings, {@code SchemaUpgrade} what brings an older
 * file's lines into blocks, {@code IdReservation} the rule that ids are never reused, {@code Retention} the
 * background deletes (whole blocks, and the one block at a boundary rewritten).
 * {@link parley.history.sqlite.SqliteTrustStore} keeps accounts, kept private messages, bans and topics in
 * tables of the same file, written by a thread of its own.
 */
package parley.history.sqlite;
