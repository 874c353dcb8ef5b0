package parley.cluster;

/**
 * The Redis keys a cluster uses, all under {@code parley:}. One Redis holds one cluster.
 *
 * <pre>
 *  parley:ids                 the id counter (INCR): every line's id, cluster-wide
 *  parley:room:KEY            a room's stream (KEY = Names.key of its name); entry id N-0 = line id N
 *  parley:applied:NODE        the last append sequence of NODE's that Redis took (a retried batch is not
 *                             appended twice)
 *  parley:node:NODE           NODE's inbox stream: wake-ups for its reader, private messages for its people
 *  parley:nodes               the set of nodes that have announced themselves
 *  parley:alive:NODE          NODE's heartbeat (a key with an expiry, renewed while NODE runs)
 *  parley:members:NODE        NODE's people: a hash nick key -> room, nick, address
 *  parley:claims:NODE         the nick keys NODE holds (a set), so a dead node's claims can be freed
 *  parley:nick:KEY            who holds the nick whose look-alike key is KEY: a node's name
 *  parley:presence            the presence stream: every node's comings and goings, in one order
 *  parley:guests              the guest-number counter (INCRBY: each node takes a block)
 * </pre>
 */
final class Keys {

    static final String IDS = "parley:ids";

    private Keys() {
    }

    static String room(String roomKey) {
        return "parley:room:" + roomKey;
    }

    /** The room key back from a stream's name. */
    static String roomOf(String streamKey) {
        return streamKey.substring("parley:room:".length());
    }

    static String applied(String node) {
        return "parley:applied:" + node;
    }

    static String inbox(String node) {
        return "parley:node:" + node;
    }

    static final String NODES = "parley:nodes";
    static final String PRESENCE = "parley:presence";
    static final String GUESTS = "parley:guests";

    static String alive(String node) {
        return "parley:alive:" + node;
    }

    static String members(String node) {
        return "parley:members:" + node;
    }

    static String claims(String node) {
        return "parley:claims:" + node;
    }

    static String nick(String nickKey) {
        return "parley:nick:" + nickKey;
    }

}
