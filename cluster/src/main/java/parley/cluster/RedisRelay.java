package parley.cluster;

import java.time.Instant;
import java.util.Optional;
import parley.core.RoomRelay;
import parley.history.StoredLine;

/**
 * A node's relay: a line said here goes to its room's Redis stream (through the {@link Appender}), and every
 * line of a room with people here comes back from the stream (through the {@link StreamReader}), this node's
 * own lines included. So every node delivers a room's lines in the stream's one order, with the stream's ids.
 */
final class RedisRelay implements RoomRelay {

    private final RedisLink link;
    private final ClusterHealth health;
    private final Appender appender;
    private final StreamReader reader;

    RedisRelay(RedisLink link, ClusterHealth health, Appender appender, PresenceFeed presence) {
        this.link = link;
        this.health = health;
        this.appender = appender;
        this.reader = new StreamReader(link, health, appender::saw, presence);
    }

    @Override
    public void attach(Listener core) {
        health.attach(core);
        reader.start(core);
        appender.start();
    }

    @Override
    public Optional<String> say(String roomKey, StoredLine.Kind kind, Instant time, String nick, String address,
                                String text) {
        if (appender.offer(roomKey, StreamLines.fields(time, kind, nick, address, text))) {
            return Optional.empty();
        }
        return Optional.of("the cluster's Redis is not keeping up (" + Appender.MAX_WAITING
                + " lines wait for it already); this line was not sent");
    }

    @Override
    public boolean replaysHistory() {
        return true;
    }

    @Override
    public void follow(String roomKey, long afterId) {
        reader.follow(roomKey);
        appender.wakeReader();
    }

    @Override
    public void unfollow(String roomKey) {
        reader.unfollow(roomKey);
    }

    @Override
    public Optional<String> status() {
        return Optional.of("cluster: node " + link.node() + " on " + link.address() + ", "
                + health.problem().orElse("connected") + ", " + appender.waiting() + " lines waiting, "
                + appender.appended() + " appended, " + reader.heard() + " read back");
    }

    /** Sends what waits, within the time, and stops reading; what could not be sent is said in the log. */
    void close() {
        int dropped = appender.stop();
        if (dropped > 0) {
            health.logDropped(dropped);
        }
        reader.close();
    }
}
