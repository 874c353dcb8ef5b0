package parley.trust;

import java.util.List;
import java.util.Map;

/**
 * Where registered nicks, kept private messages, bans and topics outlive the process.
 *
 * <p>Everything is read once, at start, with {@link #load()}; the chat core then keeps it in memory. The
 * changes ({@code save…}, {@code delete…}, {@link #keep}, {@link #forget}) may be called while the core holds its
 * lock, so they never wait on a disk: they are queued and written in the order they were called. Only
 * {@link #kept} reads the store while the chat runs: call it outside the core's lock (the core calls it on its
 * hashing pool, after a password has been checked). Nicks and rooms are keys ({@code parley.core.Names.key}).
 */
public interface TrustStore extends AutoCloseable {

    /** Everything the store holds but the kept messages themselves. */
    record Snapshot(Map<String, Account> accounts, Map<String, Ban> bans, Map<String, Topic> topics,
                    Map<String, Integer> keptCounts) {
    }

    Snapshot load();

    void saveAccount(String nickKey, Account account);

    /** Deletes the account and the messages kept for it. */
    void deleteAccount(String nickKey);

    /** Keeps a private message for {@code nickKey}; the message's id is assigned by the store. */
    void keep(String nickKey, KeptMessage message);

    /** The messages kept for {@code nickKey}, oldest first. May touch the disk: never under the core's lock. */
    List<KeptMessage> kept(String nickKey);

    /** Deletes the messages kept for {@code nickKey} up to and including id {@code throughId}. */
    void forget(String nickKey, long throughId);

    /** {@code key}: a banned nick's look-alike key, or the address or range in lower case. */
    void saveBan(String key, Ban ban);

    void deleteBan(String key);

    void saveTopic(String roomKey, Topic topic);

    void deleteTopic(String roomKey);

    /** Writes what is queued, then releases the store. */
    @Override
    void close();
}
