package parley.cluster;

/**
 * The Redis keys a cluster uses, all under {@code parley:}. One Redis holds one cluster.
 *
 * <pre>
 *  parley:ids                 the id counter (INCR): every line's id, cluster-wide
 *  parley:room:KEY            a room's stream (KEY = Names.key of its name); entry id N-0 = line id N
 *  parley:applied:NODE        the last append sequence of NODE's that Redis took (a retried batch is not
 *                             appended twice)
 *  parley:node:NODE           NODE's inbox stream: wake-ups for its reader
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
}
