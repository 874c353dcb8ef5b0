package parley.cluster;

import redis.clients.jedis.Jedis;

/** Closing a connection that may be broken already: nothing to report. */
final class Quiet {

    private Quiet() {
    }

    static void close(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // it was broken: that is why it is being closed
            }
        }
    }
}
