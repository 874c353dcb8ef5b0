package parley.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import parley.core.PresenceRelay;
import parley.protocol.Member;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * What the {@link StreamReader} hands on about the other nodes' people: the presence stream's entries, read in
 * the same XREAD as the rooms, and this node's inbox (private messages from other nodes).
 *
 * <pre>
 *  (re)connected: snapshot.lua: the top id of parley:presence and every node's parley:members:NODE, at one
 *  instant --> core.everyone; then every entry after that id, in order: J join, L leave, N rename --> core;
 *  G a node cleared away --> core.nodeGone; S a node re-asserted itself --> a snapshot again, and the reading
 *  goes on after ITS id (the rest of the batch is older than the snapshot, and in it already)
 * </pre>
 *
 * The snapshot and its id are read by one script, so no entry is applied on top of a snapshot that already
 * holds its effect: members are told each coming and going once, in the order it happened.
 */
final class PresenceFeed {

    private static final String SNAPSHOT = Presence.script("snapshot.lua");

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

    /**
     * Everyone on the other nodes, as Redis has it, handed to the core; the presence stream's id at that same
     * instant, to read on from.
     */
    StreamEntryID resync(Jedis jedis) {
        List<?> snapshot = (List<?>) jedis.eval(SNAPSHOT, List.of(Keys.NODES, Keys.PRESENCE),
                List.of(Keys.members(""), node));
        List<PresenceRelay.Remote> everyone = new ArrayList<>();
        for (int i = 1; i + 1 < snapshot.size(); i += 2) {
            String other = snapshot.get(i).toString();
            for (Object entry : (List<?>) snapshot.get(i + 1)) {
                String[] f = entry.toString().split("\t", 3);
                if (f.length == 3) {
                    everyone.add(remote(other, f[0], f[1], f[2]));
                }
            }
        }
        core.everyone(everyone);
        return new StreamEntryID(snapshot.get(0).toString());
    }

    /**
     * The presence stream's new entries, in order. This node's own are skipped (the core knows them), but for
     * its re-assertion after an outage: that is when the core, told of the outage by this node's presence
     * thread, is given everyone again, even if this reader's own connection never broke.
     *
     * @return the id to read on from: the last entry's, or a snapshot's taken for an S entry
     */
    StreamEntryID apply(Jedis jedis, List<StreamEntry> entries) {
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
                case "S" -> {
                    // The entries after it in this batch are older than the snapshot: applied on top of it they
                    // would tell members stale comings and goings. The snapshot's own id skips them.
                    return resync(jedis);
                }
                case "G" -> core.nodeGone(from, f.get("w"));
                default -> {
                    // an entry kind a later version writes: skipped
                }
            }
        }
        return entries.get(entries.size() - 1).getID();
    }

    /** This node's inbox: private messages from other nodes, and word that one sent from here was not delivered. */
    void inbox(List<StreamEntry> entries) {
        for (StreamEntry e : entries) {
            Map<String, String> f = e.getFields();
            if (f.containsKey("p")) {
                Member from = new Member(f.get("n"), f.get("a") + "@" + f.get("p"));
                core.privateMessage(from, f.get("to"), f.get("x")).ifPresent(why -> presence.bounce(f.get("p"),
                        f.get("n"), why)); // gone, or over their cap: told to the sender, on their node
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
