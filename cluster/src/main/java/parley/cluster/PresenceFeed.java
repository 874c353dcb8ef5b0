package parley.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.core.PresenceRelay;
import parley.protocol.Member;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What the {@link StreamReader} hands on about the other nodes' people: the presence stream's entries, read in
 * the same XREAD as the rooms, and this node's inbox (private messages from other nodes).
 *
 * <pre>
 *  (re)connected: top id of parley:presence, then HGETALL parley:members:NODE of every node --> core.everyone
 *  then every entry after that id, in order: J join, L leave, N rename --> core; S a node re-asserted itself
 *  (read everyone again); G a node cleared away --> core.nodeGone
 * </pre>
 *
 * Reading the snapshot first and the stream from the id taken before it may apply an entry twice: every call
 * to the core is idempotent (a join of someone known, a leave of someone unknown, change nothing).
 */
final class PresenceFeed {

    private final String node;
    private final Presence presence;
    private volatile PresenceRelay.Listener core;

    PresenceFeed(String node, Presence presence) {
        this.node = node;
        this.presence = presence;
    }

    void attach(PresenceRelay.Listener core) {
        this.core = core;
    }

    /** Everyone on the other nodes, as Redis has it, handed to the core; the stream id to read on from. */
    StreamEntryID resync(Jedis jedis) {
        List<StreamEntry> top = jedis.xrevrange(Keys.PRESENCE, "+", "-", 1);
        everyone(jedis);
        return top.isEmpty() ? new StreamEntryID(0, 0) : top.get(0).getID();
    }

    private void everyone(Jedis jedis) {
        List<String> nodes = new ArrayList<>(jedis.smembers(Keys.NODES));
        nodes.remove(node);
        Pipeline p = jedis.pipelined();
        List<Response<Map<String, String>>> hashes = new ArrayList<>();
        nodes.forEach(n -> hashes.add(p.hgetAll(Keys.members(n))));
        p.sync();
        List<PresenceRelay.Remote> everyone = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String entry : hashes.get(i).get().values()) {
                String[] f = entry.split("\t", 3);
                if (f.length == 3) {
                    everyone.add(remote(nodes.get(i), f[0], f[1], f[2]));
                }
            }
        }
        core.everyone(everyone);
    }

    /**
     * The presence stream's new entries, in order. This node's own are skipped (the core knows them), but for
     * its re-assertion after an outage: that is when the core, told of the outage by this node's presence
     * thread, is given everyone again, even if this reader's own connection never broke.
     */
    void apply(Jedis jedis, List<StreamEntry> entries) {
        for (StreamEntry e : entries) {
            Map<String, String> f = e.getFields();
            String from = f.get("d");
            if (node.equals(from) && !"S".equals(f.get("o"))) {
                continue;
            }
            switch (f.getOrDefault("o", "")) {
                case "J" -> core.joined(remote(from, f.get("r"), f.get("n"), f.get("a")));
                case "L" -> core.left(remote(from, f.get("r"), f.get("n"), f.get("a")), f.get("w"));
                case "N" -> core.renamed(f.get("w"), remote(from, f.get("r"), f.get("n"), f.get("a")));
                case "S" -> everyone(jedis);
                case "G" -> core.nodeGone(from, f.get("w"));
                default -> {
                    // an entry kind a later version writes: skipped
                }
            }
        }
    }

    /** This node's inbox: private messages from other nodes, and word that one sent from here found nobody. */
    void inbox(List<StreamEntry> entries) {
        for (StreamEntry e : entries) {
            Map<String, String> f = e.getFields();
            if (f.containsKey("p")) {
                Member from = new Member(f.get("n"), f.get("a") + "@" + f.get("p"));
                if (!core.privateMessage(from, f.get("to"), f.get("x"))) {
                    presence.bounce(f.get("p"), f.get("n"), f.get("to")
                            + " left before your message could be delivered; it was not sent");
                }
            } else if (f.containsKey("e")) {
                core.undelivered(f.get("to"), f.get("x"));
            }
        }
    }

    /** Someone on {@code node}: their address as their node saw it, and the node's name after an {@code @}. */
    private static PresenceRelay.Remote remote(String node, String room, String nick, String address) {
        return new PresenceRelay.Remote(node, room, new Member(nick, address + "@" + node));
    }
}
