package parley.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * The one thread of a node that writes lines to Redis, so the core's lock never waits on the network.
 *
 * <pre>
 *  core (its lock) --offer--> bounded queue --take, up to 500--> one pipeline of EVALSHA append.lua
 *                             full: the line is refused           failure: same batch again, on a new
 *                                                                 connection, after a backoff
 * </pre>
 *
 * Each line carries the node's next sequence number; the script skips a number Redis already took, so a
 * batch sent again after a lost connection appends nothing twice. Lines go out in the order they were said.
 */
final class Appender implements AutoCloseable {

    /** Lines sent in one pipeline. */
    static final int BATCH = 500;
    /** Lines kept for an unreachable Redis, per node: past it, a line is refused. */
    static final int MAX_WAITING = 10_000;
    /** Entries a node's inbox keeps (wake-ups, private messages): far more than its reader ever lags behind. */
    static final long INBOX_CAP = 10_000;
    static final String SCRIPT = script();

    /** A line waiting to be appended. */
    private record Pending(long seq, String stream, List<String> fields) {
    }

    /** Asks the node's reader to read again (it follows a new room). */
    private record Wake() {
    }

    private final RedisLink link;
    private final ClusterHealth health;
    private final int streamCap;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(MAX_WAITING + 16);
    private final AtomicLong appended = new AtomicLong();
    /** The highest line id this node has seen, appended or read: ids handed out next are above it. */
    private final AtomicLong highestSeen = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** Lines taken from the queue and not yet appended: the batch being sent, or sent again. */
    private volatile int inFlight;
    /** The node's last sequence number given out; only touched under the core's lock. */
    private long seq;

    Appender(RedisLink link, ClusterHealth health, int streamCap, long lastApplied) {
        this.link = link;
        this.health = health;
        this.streamCap = streamCap;
        this.seq = lastApplied;
        this.thread = new Thread(this::run, "parley-cluster-append");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a line; false when too many wait already. Never blocks. */
    boolean offer(String roomKey, List<String> fields) {
        if (queue.size() >= MAX_WAITING) {
            return false;
        }
        seq++;
        return queue.offer(new Pending(seq, Keys.room(roomKey), fields));
    }

    /** Wakes the reader (best effort: a reader not woken reads again within its block time anyway). */
    void wakeReader() {
        queue.offer(new Wake());
    }

    /** Line {@code id} exists (read back by this node): no id up to it will be handed out again. */
    void saw(long id) {
        highestSeen.accumulateAndGet(id, Math::max);
    }

    /** Lines said here and not yet appended (a wake-up in the queue counts too: it is short-lived). */
    int waiting() {
        return queue.size() + inFlight;
    }

    /** The highest line id this node has seen. */
    long highestSeen() {
        return highestSeen.get();
    }

    long appended() {
        return appended.get();
    }

    private void run() {
        Backoff backoff = new Backoff();
        List<Object> batch = new ArrayList<>(BATCH);
        Jedis jedis = null;
        String sha = null;
        while (!closed || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    inFlight = batch.size();
                }
                if (jedis == null) {
                    jedis = link.open("append");
                    sha = jedis.scriptLoad(SCRIPT);
                }
                send(jedis, sha, batch);
                batch.clear();
                inFlight = 0;
                backoff.reset();
                health.working("append");
            } catch (JedisException e) {
                Quiet.close(jedis);
                jedis = null;
                health.failed("append", e);
                try {
                    backoff.pause();
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
        Quiet.close(jedis);
    }

    private void send(Jedis jedis, String sha, List<Object> batch) {
        Pipeline p = jedis.pipelined();
        String applied = Keys.applied(link.node());
        int lines = 0;
        for (Object item : batch) {
            if (item instanceof Pending line) {
                List<String> args = new ArrayList<>(2 + line.fields().size());
                args.add(Long.toString(line.seq()));
                args.add(Long.toString(streamCap));
                args.add(Long.toString(highestSeen.get()));
                args.addAll(line.fields());
                p.evalsha(sha, List.of(Keys.IDS, applied, line.stream()), args);
                lines++;
            } else {
                p.xadd(Keys.inbox(link.node()), XAddParams.xAddParams().maxLen(INBOX_CAP).approximateTrimming(),
                        Map.of("w", "1"));
            }
        }
        for (Object reply : p.syncAndReturnAll()) {
            if (reply instanceof JedisException e) {
                throw e; // a reply that is an error (no script after a restart, out of memory): send again
            }
            if (reply instanceof Long id) {
                saw(id);
            }
        }
        appended.addAndGet(lines);
    }

    /**
     * Sends what waits (for at most {@link RedisLink#TIMEOUT}), then stops.
     *
     * @return how many lines were still waiting, and are dropped
     */
    int stop() {
        closed = true;
        try {
            thread.join(RedisLink.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        return queue.size();
    }

    @Override
    public void close() {
        stop();
    }

    private static String script() {
        try (InputStream in = Appender.class.getResourceAsStream("append.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
