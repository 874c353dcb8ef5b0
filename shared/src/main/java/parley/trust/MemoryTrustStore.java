package parley.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrustStore} in memory ({@code --data none}, tests): everything is gone when the server stops.
 * Thread-safe; nothing here waits on anything but its own short lock.
 */
public final class MemoryTrustStore implements TrustStore {

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, List<KeptMessage>> kept = new HashMap<>();
    private final Map<String, Ban> bans = new HashMap<>();
    private final Map<String, Topic> topics = new HashMap<>();
    private long lastId;

    @Override
    public synchronized Snapshot load() {
        Map<String, Integer> counts = new HashMap<>();
        kept.forEach((k, v) -> counts.put(k, v.size()));
        return new Snapshot(Map.copyOf(accounts), Map.copyOf(bans), Map.copyOf(topics), counts);
    }

    @Override
    public synchronized void saveAccount(String nickKey, Account account) {
        accounts.put(nickKey, account);
    }

    @Override
    public synchronized void deleteAccount(String nickKey) {
        accounts.remove(nickKey);
        kept.remove(nickKey);
    }

    @Override
    public synchronized void keep(String nickKey, KeptMessage m) {
        kept.computeIfAbsent(nickKey, k -> new ArrayList<>())
                .add(new KeptMessage(++lastId, m.to(), m.time(), m.from(), m.address(), m.text()));
    }

    @Override
    public synchronized List<KeptMessage> kept(String nickKey) {
        return List.copyOf(kept.getOrDefault(nickKey, List.of()));
    }

    @Override
    public synchronized void forget(String nickKey, long throughId) {
        List<KeptMessage> list = kept.get(nickKey);
        if (list != null) {
            list.removeIf(m -> m.id() <= throughId);
            if (list.isEmpty()) {
                kept.remove(nickKey);
            }
        }
    }

    @Override
    public synchronized void saveBan(String key, Ban ban) {
        bans.put(key, ban);
    }

    @Override
    public synchronized void deleteBan(String key) {
        bans.remove(key);
    }

    @Override
    public synchronized void saveTopic(String roomKey, Topic topic) {
        topics.put(roomKey, topic);
    }

    @Override
    public synchronized void deleteTopic(String roomKey) {
        topics.remove(roomKey);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
