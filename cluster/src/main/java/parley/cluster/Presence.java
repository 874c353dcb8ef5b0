package parley.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import parley.core.Names;
import parley.core.PresenceRelay;
import parley.protocol.Member;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;

/**
 * The one thread of a node that keeps its presence in Redis: nick claims, its people, its heartbeat, and the
 * clearing away of nodes whose heartbeat expired. The core only queues work for it ({@link PresenceRelay}: never
 * a Redis call under the core's lock); answers go back through callbacks that take the core's lock.
 *
 * <pre>
 *  core --claim / arrived / left / renamed / tell--> queue --> this thread --EVALSHA claim.lua / MULTI HSET+XADD
 *                                                                  |          XADD parley:node:OTHER (a /msg)
 *  every beat: SET parley:alive:NODE PX expiry; find nodes whose heartbeat expired, EVALSHA reap.lua
 *  Redis lost: claims granted here alone, /msg to other nodes refused; Redis back: everything re-asserted
 *  Redis slow: a rename refused after timing.claimWait; past BACKLOG changes waiting, one re-assertion instead
 * </pre>
 *
 * What other nodes do comes back through the {@link StreamReader} (the presence stream and this node's inbox).
 */
final class Presence implements PresenceRelay, AutoCloseable {

    /**
     * How often a node renews its heartbeat and how long the heartbeat lasts: a node killed without a goodbye
     * is cleared away by the others at most {@code expiry + beat} after its last beat. A rename waits at most
     * {@code claimWait} for Redis's answer (normally a millisecond), well within the socket timeout.
     */
    record Timing(Duration beat, Duration expiry, Duration claimWait) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(2));

        /** The longest a killed node's people stay in another node's {@code /who}. */
        Duration bound() {
            return expiry.plus(beat);
        }
    }

    /** Guest numbers a node takes from the cluster's counter at a time. */
    static final long GUEST_BLOCK = 1_000;
    /** Entries the presence stream keeps: enough for any node to catch up after a blip; a longer gap resyncs. */
    static final long STREAM_CAP = 10_000;
    /**
     * How far the thread may fall behind: past this many comings, goings and renames waiting, they are
     * collapsed into one re-assertion of the node's people; past this much work waiting in all, a rename or a
     * {@code /msg} to another node is refused at once.
     */
    static final int BACKLOG = 10_000;
    /** What a rename is told when Redis does not answer its claim in time, or too much waits already. */
    static final String CLAIM_UNANSWERED = "nick changes wait for the cluster's Redis, which is not answering now;"
            + " try again in a moment";

    private sealed interface Op {
    }

    /**
     * A nick asked for. Answered once: by Redis, by this node alone (Redis unreachable) or, for a rename (someone
     * waits on it; a newcomer's guest nick is theirs already), refused at its deadline.
     */
    private static final class Claim implements Op {
        private final String nick;
        private final Consumer<Optional<String>> answer;
        private final AtomicBoolean answered = new AtomicBoolean();

        Claim(String nick, Consumer<Optional<String>> answer) {
            this.nick = nick;
            this.answer = answer;
        }

        /** Gives the answer unless one was given: false when it was (the claim timed out meanwhile). */
        boolean answer(Optional<String> refusal) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            answer.accept(refusal);
            return true;
        }
    }

    /** A coming, going or rename, with the generation it was queued in (see {@link #snapshot}). */
    private record Change(Op what, long generation) implements Op {
    }

    private record Release(String nick) implements Op {
    }

    private record Arrived(String room, Member who) implements Op {
    }

    private record Left(String room, Member who, String reason) implements Op {
    }

    private record Renamed(String room, String oldNick, Member who) implements Op {
    }

    private record Tell(Member from, String node, String toNick, String text, Consumer<Optional<String>> done)
            implements Op {
    }

    private record Bounce(String node, String toNick, String why) implements Op {
    }

    private record Guests() implements Op {
    }

    private final RedisLink link;
    private final ClusterHealth health;
    private final Timing timing;
    private final int backlog;
    /** Bounded by what is counted against {@link #backlog}, plus a guest claim and a release per connection. */
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final String claimScript = script("claim.lua");
    private final String releaseScript = script("release.lua");
    private final String reapScript = script("reap.lua");
    /**
     * This node's people as the core last told (nick key -> room, nick, address), kept as they are told, so a
     * re-assertion writes the latest of each; with the fields below, guarded by itself.
     */
    private final Map<String, String> members = new LinkedHashMap<>();
    /** Comings, goings and renames in the queue: at {@link #backlog}, a re-assertion replaces them. */
    private int changes;
    /** Too many changes waited: the next turn re-asserts; meanwhile changes are only recorded in {@link #members}. */
    private boolean resyncDue;
    /** Bumped by every snapshot of {@link #members}: changes queued before it are in the snapshot. */
    private long generation;
    /** The thread's copy of {@link #generation} at its last snapshot: older changes are skipped. */
    private long current;
    /** The nicks this node holds (nick key -> nick): re-claimed when Redis returns. */
    private final Map<String, String> held = new LinkedHashMap<>();
    private final AtomicLong nextGuest = new AtomicLong();
    private volatile long lastGuest;
    private final AtomicBoolean guestsAsked = new AtomicBoolean();
    private final PresenceFeed feed;
    private volatile Listener core;
    private volatile boolean reachable = true;
    private volatile boolean closed;
    private volatile long reaped;
    /**
     * Whether this run of the node has written its presence once: the first beat always does, since a node of
     * the same name killed a moment ago may have left its people in Redis.
     */
    private boolean asserted;
    /** How many nicks this node holds, for {@link #status} (read off this thread). */
    private volatile int heldCount;
    private Jedis jedis;
    /** When the next heartbeat is due, on {@link System#nanoTime}: Redis, not a clock here, expires a heartbeat. */
    private long nextBeat = System.nanoTime();

    /** Takes the node's first block of guest numbers now: Redis answers at the start, as {@link Cluster#join} requires. */
    Presence(RedisLink link, ClusterHealth health, Timing timing, int backlog, Jedis start) {
        this.link = link;
        this.backlog = backlog;
        this.health = health;
        this.timing = timing;
        takeGuests(start);
        this.feed = new PresenceFeed(link.node(), this);
        this.thread = new Thread(this::run, "parley-cluster-presence");
        thread.setDaemon(true);
    }

    /** What the node's reader hands the other nodes' presence to. */
    PresenceFeed feed() {
        return feed;
    }

    /** Starts the thread; its first beat announces the node. */
    @Override
    public void attach(Listener core) {
        this.core = core;
        feed.attach(core);
        thread.start();
    }

    @Override
    public long nextGuestNumber() {
        long n = nextGuest.incrementAndGet();
        if (lastGuest - n < GUEST_BLOCK / 2 && guestsAsked.compareAndSet(false, true)) {
            queue.offer(new Guests());
        }
        // Past the block (Redis long unreachable): numbers go on, and a clash is settled by the guest's claim.
        return n;
    }

    /**
     * A rename's claim: refused at once when too much waits already, and at its deadline when Redis has not
     * answered by then (a late yes is then given back, so nothing is left half-applied).
     */
    @Override
    public void claim(String nick, Consumer<Optional<String>> answer) {
        Claim c = new Claim(nick, answer);
        if (queue.size() >= backlog) {
            c.answer(Optional.of(CLAIM_UNANSWERED));
            return;
        }
        queue.offer(c);
        CompletableFuture.delayedExecutor(timing.claimWait().toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> c.answer(Optional.of(CLAIM_UNANSWERED)));
    }

    /** A newcomer's guest nick: they have it already, nobody waits, so it is never refused for want of time. */
    @Override
    public void claimGuest(String nick, Consumer<Optional<String>> lost) {
        queue.offer(new Claim(nick, lost));
    }

    @Override
    public void release(String nick) {
        queue.offer(new Release(nick));
    }

    @Override
    public void arrived(String room, Member who) {
        change(new Arrived(room, who), null, who);
    }

    @Override
    public void left(String room, Member who, String reason) {
        change(new Left(room, who, reason), Names.key(who.nick()), null);
    }

    @Override
    public void renamed(String room, String oldNick, Member who) {
        change(new Renamed(room, oldNick, who), Names.key(oldNick), who);
    }

    /**
     * Records a change of this node's people at once, and queues it to be published, unless {@link #backlog}
     * changes wait already: then they all collapse into one re-assertion of the latest state (an S entry), so
     * the queue never holds more than that, however long Redis is slow.
     */
    private void change(Op op, String goneKey, Member now) {
        synchronized (members) {
            if (goneKey != null) {
                members.remove(goneKey);
            }
            if (now != null) {
                members.put(Names.key(now.nick()), entry(roomOf(op), now));
            }
            if (resyncDue) {
                return;
            }
            if (changes >= backlog) {
                resyncDue = true;
                return;
            }
            changes++;
            queue.offer(new Change(op, generation));
        }
    }

    @Override
    public void tell(Member from, String node, String toNick, String text, Consumer<Optional<String>> done) {
        if (!reachable) {
            done.accept(Optional.of(unreachable(toNick, node)));
            return;
        }
        if (queue.size() >= backlog) {
            done.accept(Optional.of("the cluster's Redis is slow to answer now: your message to " + toNick
                    + " on node " + node + " was not sent; try again in a moment"));
            return;
        }
        queue.offer(new Tell(from, node, toNick, text, done));
    }

    /** A private message from {@code node}'s {@code toNick} was not delivered here: tells its sender, there. */
    void bounce(String node, String toNick, String why) {
        if (queue.size() < backlog) { // past that the notice is dropped, as while Redis is unreachable
            queue.offer(new Bounce(node, toNick, why));
        }
    }

    /** Work waiting for the thread: what the backlog bounds. */
    int waiting() {
        return queue.size();
    }

    @Override
    public Optional<String> status() {
        return Optional.of("presence: " + (reachable
                ? "cluster-wide (heartbeat every " + seconds(timing.beat()) + ", a silent node cleared after "
                        + seconds(timing.bound()) + " at most), " + heldCount + " nicks held here, "
                        + reaped + " dead nodes cleared"
                : "this node's alone while Redis is unreachable (nicks checked here only, /msg to other nodes refused)"));
    }

    private void run() {
        Backoff backoff = new Backoff();
        long retryAt = 0;
        while (!closed) {
            try {
                Op first = queue.poll(Math.max(0, (reachable ? nextBeat : retryAt) - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                List<Op> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 500);
                    int taken = (int) batch.stream().filter(Change.class::isInstance).count();
                    synchronized (members) {
                        changes -= taken;
                    }
                }
                if (!reachable) {
                    batch.forEach(this::alone); // answered at once: nobody waits for Redis to come back
                    if (System.nanoTime() - retryAt < 0) {
                        continue;
                    }
                    if (!reconnect()) {
                        retryAt = System.nanoTime() + backoff.next().toNanos();
                        continue;
                    }
                    backoff.reset();
                    batch.clear();
                }
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        withRedis(batch.get(i));
                    } catch (JedisException e) {
                        lost(e);
                        batch.subList(i, batch.size()).forEach(this::alone);
                        break;
                    }
                }
                if (reachable && resyncDue()) {
                    reassert(connection());
                }
                if (reachable && System.nanoTime() - nextBeat >= 0) {
                    beat();
                }
            } catch (JedisException e) {
                lost(e);
            } catch (InterruptedException e) {
                break;
            }
        }
        goodbye();
        Quiet.close(jedis);
    }

    /** One piece of work with Redis: the local record first, so a re-assertion covers a half-done write. */
    private void withRedis(Op op) {
        Jedis redis = connection();
        if (op instanceof Change change) {
            if (change.generation() >= current) { // else: in a snapshot written since
                publish(redis, change.what());
            }
        } else if (op instanceof Claim c) {
            if (c.answered.get()) {
                return; // refused at its deadline before Redis was even asked
            }
            String key = Names.key(c.nick);
            Object owner = redis.eval(claimScript, List.of(Keys.nick(key), Keys.claims(link.node())),
                    List.of(link.node(), key, Keys.alive("")));
            if (owner != null && !owner.toString().isEmpty()) {
                c.answer(Optional.of("nick " + c.nick + " is taken (on node " + owner + ")"));
            } else if (c.answer(Optional.empty())) {
                held.put(key, c.nick);
                heldCount = held.size();
            } else if (!held.containsKey(key)) {
                // Refused at its deadline while Redis granted it: given back, or nobody could take it.
                redis.eval(releaseScript, List.of(Keys.nick(key), Keys.claims(link.node())), List.of(link.node(), key));
            }
        } else if (op instanceof Release r) {
                String key = Names.key(r.nick());
                held.remove(key);
                heldCount = held.size();
                redis.eval(releaseScript, List.of(Keys.nick(key), Keys.claims(link.node())), List.of(link.node(), key));
        } else if (op instanceof Tell t) {
                redis.xadd(Keys.inbox(t.node()), XAddParams.xAddParams().maxLen(Appender.INBOX_CAP).approximateTrimming(),
                        Map.of("p", link.node(), "n", t.from().nick(), "a", t.from().address(), "to", t.toNick(),
                                "x", t.text()));
                t.done().accept(Optional.empty());
        } else if (op instanceof Bounce b) {
            redis.xadd(Keys.inbox(b.node()), XAddParams.xAddParams().maxLen(Appender.INBOX_CAP).approximateTrimming(),
                    Map.of("e", link.node(), "to", b.toNick(), "x", b.why()));
        } else if (op instanceof Guests) {
            takeGuests(redis);
        }
    }

    /**
     * The same work with Redis unreachable: claims granted here alone, to be re-asserted (a claim refused at its
     * deadline stays refused); changes are in {@link #members} already.
     */
    private void alone(Op op) {
        if (op instanceof Claim c) {
            if (c.answer(Optional.empty())) {
                held.put(Names.key(c.nick), c.nick);
                heldCount = held.size();
            }
        } else if (op instanceof Release r) {
            held.remove(Names.key(r.nick()));
            heldCount = held.size();
        } else if (op instanceof Tell t) {
            t.done().accept(Optional.of(unreachable(t.toNick(), t.node())));
        } else if (op instanceof Guests) {
            guestsAsked.set(false);
        }
        // a Bounce is dropped: its sender's node cannot be told either while Redis is unreachable
    }

    /** A coming, going or rename: the node's hash and the presence stream, in one transaction. */
    private void publish(Jedis redis, Op change) {
        if (change instanceof Arrived a) {
            publish(redis, a.room(), a.who(), "J", "", null);
        } else if (change instanceof Left l) {
            publish(redis, l.room(), l.who(), "L", l.reason(), Names.key(l.who().nick()));
        } else if (change instanceof Renamed n) {
            publish(redis, n.room(), n.who(), "N", n.oldNick(), Names.key(n.oldNick()));
        }
    }

    private void publish(Jedis redis, String room, Member who, String op, String extra, String removedKey) {
        Transaction t = redis.multi();
        if (removedKey != null) {
            t.hdel(Keys.members(link.node()), removedKey);
        }
        if (!op.equals("L")) {
            t.hset(Keys.members(link.node()), Names.key(who.nick()), entry(room, who));
        }
        t.xadd(Keys.PRESENCE, XAddParams.xAddParams().maxLen(STREAM_CAP).approximateTrimming(),
                Map.of("o", op, "d", link.node(), "r", room, "n", who.nick(), "a", who.address(), "w", extra));
        t.exec();
    }

    /**
     * Renews the heartbeat, and clears away the nodes whose heartbeat expired. A heartbeat found gone (this
     * node was silent long enough to be cleared away itself) re-asserts everything.
     */
    private void beat() {
        Jedis redis = connection();
        nextBeat = System.nanoTime() + timing.beat().toNanos();
        boolean wasAlive = redis.exists(Keys.alive(link.node()));
        redis.set(Keys.alive(link.node()), "1", SetParams.setParams().px(timing.expiry().toMillis()));
        if (!wasAlive || !asserted || !redis.sismember(Keys.NODES, link.node())) {
            reassert(redis);
        }
        List<String> others = new ArrayList<>(redis.smembers(Keys.NODES));
        others.remove(link.node());
        Pipeline p = redis.pipelined();
        List<Response<Boolean>> alive = new ArrayList<>();
        others.forEach(node -> alive.add(p.exists(Keys.alive(node))));
        p.sync();
        for (int i = 0; i < others.size(); i++) {
            if (!alive.get(i).get()) {
                String dead = others.get(i);
                // Every node that sees it may try: the script clears a node once, and the presence stream tells
                // every node (this one included) to announce its people's leave.
                if (Long.valueOf(1).equals(reap(redis, dead, "node " + dead + " stopped answering"))) {
                    reaped++;
                }
            }
        }
    }

    /**
     * After Redis was lost (or this node was cleared away as dead): the heartbeat, the node's people and its nicks
     * written again. A nick another node took meanwhile stays theirs: the one here loses it and is told.
     */
    private void reassert(Jedis redis) {
        redis.set(Keys.alive(link.node()), "1", SetParams.setParams().px(timing.expiry().toMillis()));
        redis.sadd(Keys.NODES, link.node());
        // Claims of a node of this name that ran before (killed, and back before it was cleared away) that
        // nobody here holds now: given up.
        for (String key : redis.smembers(Keys.claims(link.node()))) {
            if (!held.containsKey(key)) {
                redis.eval(releaseScript, List.of(Keys.nick(key), Keys.claims(link.node())), List.of(link.node(), key));
            }
        }
        for (Map.Entry<String, String> nick : List.copyOf(held.entrySet())) {
            Object owner = redis.eval(claimScript, List.of(Keys.nick(nick.getKey()), Keys.claims(link.node())),
                    List.of(link.node(), nick.getKey(), Keys.alive("")));
            if (owner != null && !owner.toString().isEmpty()) {
                held.remove(nick.getKey());
                core.lostNick(nick.getValue(), "while the cluster's Redis was unreachable, " + nick.getValue()
                        + " was taken on node " + owner + " too; it stays theirs");
            }
        }
        Map<String, String> people = snapshot();
        Transaction t = redis.multi();
        t.del(Keys.members(link.node()));
        if (!people.isEmpty()) {
            t.hset(Keys.members(link.node()), people);
        }
        t.xadd(Keys.PRESENCE, XAddParams.xAddParams().maxLen(STREAM_CAP).approximateTrimming(),
                Map.of("o", "S", "d", link.node()));
        t.exec();
        asserted = true;
        heldCount = held.size();
    }

    /**
     * This node's people now, for a re-assertion: the changes queued before are in it, so the thread skips them
     * (applied after it, they would put back an older state).
     */
    private Map<String, String> snapshot() {
        synchronized (members) {
            resyncDue = false;
            current = ++generation;
            return new LinkedHashMap<>(members);
        }
    }

    private boolean resyncDue() {
        synchronized (members) {
            return resyncDue;
        }
    }

    private Object reap(Jedis redis, String node, String reason) {
        return redis.eval(reapScript, List.of(Keys.alive(node), Keys.members(node), Keys.claims(node), Keys.NODES,
                Keys.PRESENCE), List.of(node, Keys.nick(""), Long.toString(STREAM_CAP), reason));
    }

    private boolean reconnect() {
        try {
            Jedis redis = connection();
            reassert(redis);
            nextBeat = System.nanoTime() + timing.beat().toNanos();
            reachable = true;
            health.working("presence");
            return true;
        } catch (JedisException e) {
            Quiet.close(jedis);
            jedis = null;
            return false;
        }
    }

    private void lost(JedisException e) {
        Quiet.close(jedis);
        jedis = null;
        if (reachable) {
            reachable = false;
            health.failed("presence", e);
            core.cutOff();
        }
    }

    private Jedis connection() {
        if (jedis == null) {
            jedis = link.open("presence");
        }
        return jedis;
    }

    private void takeGuests(Jedis redis) {
        long top = redis.incrBy(Keys.GUESTS, GUEST_BLOCK);
        nextGuest.set(top - GUEST_BLOCK);
        lastGuest = top;
        guestsAsked.set(false);
    }

    /** A node that stops says goodbye: its people leave every other node's {@code /who} at once. */
    private void goodbye() {
        try {
            Jedis redis = connection();
            redis.del(Keys.alive(link.node()));
            reap(redis, link.node(), "node " + link.node() + " shut down");
        } catch (JedisException e) {
            // Redis unreachable as the node stops: its heartbeat expires and another node clears it away
        }
    }

    /** Stops the thread, saying goodbye (within {@link RedisLink#TIMEOUT}). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(RedisLink.TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 2 s}, {@code 0.2 s}. */
    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static String roomOf(Op change) {
        if (change instanceof Arrived a) {
            return a.room();
        }
        return change instanceof Renamed n ? n.room() : ((Left) change).room();
    }

    private static String entry(String room, Member who) {
        return room + "\t" + who.nick() + "\t" + who.address();
    }

    private static String unreachable(String toNick, String node) {
        return "the cluster's Redis is unreachable: " + toNick + " is on node " + node
                + " and cannot be reached now; your message was not sent";
    }

    static String script(String name) {
        try (InputStream in = Presence.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
