package parley.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import parley.history.HistoryStatus;
import parley.history.HistoryStore;
import parley.history.HistoryStoreException;
import parley.history.StoredLine;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A cluster's history: each room's stream, read with XRANGE and XREVRANGE (entry id {@code N-0} is line id N).
 * Lines are written by the node's {@link Appender}, never through {@link #append}. Reads run on the core's
 * history readers, off its lock, on connections of their own (one per
 * reader at most, kept between reads).
 */
final class StreamHistoryStore implements HistoryStore {

    private static final String COUNT = "return #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2])";

    private final RedisLink link;
    /** Connections not in use: as many as reads ever ran at once (the core's history readers, two). */
    private final ConcurrentLinkedQueue<Jedis> idle = new ConcurrentLinkedQueue<>();
    private final int cap;
    /** Whose counts {@link #status} shows: the lines this node appended, and those waiting. */
    private final Appender appender;
    private final long lastIdAtStart;

    StreamHistoryStore(RedisLink link, int cap, Appender appender) {
        this.link = link;
        this.cap = cap;
        this.appender = appender;
        this.lastIdAtStart = read(redis -> {
            String ids = redis.get(Keys.IDS);
            return ids == null ? 0L : Long.parseLong(ids);
        });
    }

    /** Not used in a cluster: the relay appends to the streams. */
    @Override
    public StoredLine append(String room, StoredLine.Kind kind, Instant time, String nick, String address, String text) {
        throw new UnsupportedOperationException("in a cluster, lines are appended to their streams by the relay");
    }

    @Override
    public List<StoredLine> latest(String room, int limit) {
        return newestFirst(room, "+", limit);
    }

    @Override
    public List<StoredLine> before(String room, long beforeId, int limit) {
        return beforeId <= 1 ? List.of() : newestFirst(room, (beforeId - 1) + "-0", limit);
    }

    @Override
    public List<StoredLine> after(String room, long afterId, int limit) {
        int n = HistoryStore.pageSize(limit);
        return read(redis -> lines(room, redis.xrange(Keys.room(room), (afterId + 1) + "-0", "+", n)));
    }

    @Override
    public long count(String room, long afterId, long beforeId) {
        if (beforeId - afterId <= 1) {
            return 0;
        }
        return read(redis -> (Long) redis.eval(COUNT, List.of(Keys.room(room)),
                List.of((afterId + 1) + "-0", (beforeId - 1) + "-0")));
    }

    @Override
    public long lastIssuedId() {
        return lastIdAtStart;
    }

    @Override
    public HistoryStatus status() {
        return new HistoryStatus("the streams of Redis at " + link.address() + ", " + cap + " lines per room",
                null, appender.appended(), 0, appender.waiting(), 0, appender.highestSeen());
    }

    @Override
    public void close() {
        for (Jedis jedis = idle.poll(); jedis != null; jedis = idle.poll()) {
            Quiet.close(jedis);
        }
    }

    private List<StoredLine> newestFirst(String room, String end, int limit) {
        int n = HistoryStore.pageSize(limit);
        List<StoredLine> lines = read(redis -> lines(room, redis.xrevrange(Keys.room(room), end, "-", n)));
        Collections.reverse(lines);
        return lines;
    }

    private static List<StoredLine> lines(String room, List<StreamEntry> entries) {
        List<StoredLine> lines = new ArrayList<>(entries.size());
        entries.forEach(e -> lines.add(StreamLines.line(room, e)));
        return lines;
    }

    /**
     * Runs {@code query} on an idle connection, or a new one. A connection that broke is dropped and the query
     * tried once more on a new one: an idle connection is broken after Redis restarted.
     */
    private <T> T read(Function<Jedis, T> query) {
        for (int attempt = 1; ; attempt++) {
            Jedis jedis = idle.poll();
            try {
                if (jedis == null) {
                    jedis = link.open("history");
                }
                T result = query.apply(jedis);
                idle.offer(jedis);
                return result;
            } catch (JedisException e) {
                Quiet.close(jedis);
                if (attempt == 2 || !(e instanceof JedisConnectionException)) {
                    throw new HistoryStoreException("cannot read history from Redis at " + link.address() + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
