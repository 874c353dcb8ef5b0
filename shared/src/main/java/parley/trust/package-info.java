/**
 * What the server knows about people across restarts: registered nicks and their Argon2id password hashes,
 * private messages kept for a registered nick while it is offline, bans and room topics.
 *
 * <pre>
 *  start: TrustStore.load() -> Snapshot (every account, ban, topic, mailbox size) -> parley.core.Accounts,
 *                                                                                  parley.core.Moderation
 *  chat core, its lock held:  save / delete / keep   -> queued in call order, never waits on a disk
 *  hashing threads, no lock:  PasswordHasher.hash / verify (Argon2id, ~20 MiB each), TrustStore.kept(nick)
 * </pre>
 *
 * {@link parley.trust.TrustStore} is the SPI: {@link parley.trust.MemoryTrustStore} for {@code --data none} and
 * tests, {@code parley.history.sqlite.SqliteTrustStore} (module history-store) for tables beside the history.
 * Nicks and rooms are kept by their look-alike key ({@code parley.core.Names.key}), so registering {@code ada}
 * also covers {@code аda} and {@code ADA}.
 */
package parley.trust;
