package parley.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import parley.core.CoreSettings;
import parley.core.RoomRelay;
import parley.history.StoredLine;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The one thread of a node that reads its rooms' streams and hands the lines to the core.
 *
 * <pre>
 *  followed rooms (room key -> last id handed over) + the node's inbox + the presence stream
 *     --> XREAD BLOCK 1 s COUNT 500 over all of them --> core.heard(lines of every room, in stream order)
 *                                                     --> PresenceFeed: other nodes' people, private messages
 *  lost connection: a new one after a backoff, from the same last ids: nothing Redis took is skipped
 * </pre>
 *
 * The core follows a room when it is made here and unfollows it when it empties; a new room wakes this
 * thread through the inbox (an XADD by the appender), so its first lines do not wait for the block to end.
 */
final class StreamReader implements AutoCloseable {

    static final int BLOCK_MILLIS = 1_000;
    static final int COUNT = 500;
    /** The lines a room just followed starts with: as many as the core keeps in memory per room. */
    static final int RECENT = CoreSettings.defaults().historySize();
    /** The last id of a room whose recent lines are still to be read. */
    private static final long REPLAY = -1;

    private final RedisLink link;
    private final ClusterHealth health;
    private volatile RoomRelay.Listener core;
    private final LongConsumer seen;
    private final PresenceFeed presence;
    private final Map<String, Long> rooms = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long heard;

    /** {@code seen} is told the id of every line read, so the appender never has an id handed out twice. */
    StreamReader(RedisLink link, ClusterHealth health, LongConsumer seen, PresenceFeed presence) {
        this.link = link;
        this.health = health;
        this.seen = seen;
        this.presence = presence;
        this.thread = new Thread(this::run, "parley-cluster-read");
        thread.setDaemon(true);
    }

    /** Starts reading what was followed so far, and what will be, for {@code core}. */
    void start(RoomRelay.Listener core) {
        this.core = core;
        thread.start();
    }

    /** Reads the room's recent lines, hands them to the core, then its live lines after them. */
    void follow(String roomKey) {
        rooms.put(roomKey, REPLAY);
    }

    void unfollow(String roomKey) {
        rooms.remove(roomKey);
    }

    long heard() {
        return heard;
    }

    private void run() {
        Backoff backoff = new Backoff();
        Jedis jedis = null;
        StreamEntryID inboxLast = null;
        StreamEntryID presenceLast = null;
        while (!closed) {
            try {
                if (jedis == null) {
                    jedis = link.open("read");
                    if (inboxLast == null) {
                        List<StreamEntry> top = jedis.xrevrange(Keys.inbox(link.node()), "+", "-", 1);
                        inboxLast = top.isEmpty() ? new StreamEntryID(0, 0) : top.get(0).getID();
                    }
                    // Everyone as Redis has them now, then the comings and goings after: on every (re)connection,
                    // so an outage (or a Redis restarted empty) leaves no stale member behind.
                    presenceLast = presence.resync(jedis);
                }
                replayNew(jedis);
                Map<String, StreamEntryID> from = new LinkedHashMap<>();
                from.put(Keys.inbox(link.node()), inboxLast);
                from.put(Keys.PRESENCE, presenceLast);
                rooms.forEach((room, last) -> {
                    if (last != REPLAY) { // followed during the replay: replayed on the next turn
                        from.put(Keys.room(room), new StreamEntryID(last, 0));
                    }
                });
                var read = jedis.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(COUNT), from);
                backoff.reset();
                health.working("read");
                if (read == null || read.isEmpty()) {
                    // Quiet: the counter is the floor for the next ids, should Redis come back empty.
                    String ids = jedis.get(Keys.IDS);
                    seen.accept(ids == null ? 0 : Long.parseLong(ids));
                    continue;
                }
                List<StoredLine> lines = new ArrayList<>();
                for (Map.Entry<String, List<StreamEntry>> stream : read) {
                    List<StreamEntry> entries = stream.getValue();
                    if (entries.isEmpty()) {
                        continue;
                    }
                    StreamEntryID last = entries.get(entries.size() - 1).getID();
                    if (stream.getKey().equals(Keys.inbox(link.node()))) {
                        inboxLast = last;
                        presence.inbox(entries);
                        continue;
                    }
                    if (stream.getKey().equals(Keys.PRESENCE)) {
                        presenceLast = presence.apply(jedis, entries);
                        continue;
                    }
                    String room = Keys.roomOf(stream.getKey());
                    entries.forEach(e -> lines.add(StreamLines.line(room, e)));
                    rooms.computeIfPresent(room, (k, old) -> old == REPLAY ? old : Math.max(old, last.getTime()));
                }
                if (!lines.isEmpty()) {
                    seen.accept(lines.stream().mapToLong(StoredLine::id).max().orElseThrow());
                    core.heard(lines);
                    heard += lines.size();
                }
            } catch (JedisException e) {
                Quiet.close(jedis);
                jedis = null;
                if (closed) {
                    return;
                }
                health.failed("read", e);
                try {
                    backoff.pause();
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
        Quiet.close(jedis);
    }

    /** Hands over the recent lines of the rooms followed since the last read; live lines go on after them. */
    private void replayNew(Jedis jedis) {
        for (Map.Entry<String, Long> room : rooms.entrySet()) {
            if (room.getValue() == REPLAY) {
                List<StreamEntry> newestFirst = jedis.xrevrange(Keys.room(room.getKey()), "+", "-", RECENT);
                List<StoredLine> lines = new ArrayList<>(newestFirst.size());
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    lines.add(StreamLines.line(room.getKey(), newestFirst.get(i)));
                }
                core.recent(room.getKey(), lines);
                rooms.replace(room.getKey(), REPLAY, lines.isEmpty() ? 0 : lines.get(lines.size() - 1).id());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(RedisLink.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
