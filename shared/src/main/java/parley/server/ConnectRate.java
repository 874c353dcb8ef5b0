package parley.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import parley.core.RateLimit;
import parley.core.TokenBucket;

/**
 * How fast new connections may arrive: token buckets for the whole server, for each address, and for each
 * network (an IPv4 /24, an IPv6 /64), as InspIRCd's {@code connflood} and ngIRCd's per-address limits. A
 * storm from many addresses of one network is held by the network's bucket; a storm from everywhere by the
 * server's. Checked by the acceptor before any per-connection object exists, so a refusal costs one short
 * line and a close.
 *
 * <p>The per-address and per-network buckets live in bounded maps in least-recently-used order: past
 * {@link #MAX_KEYS} keys the one idle the longest is forgotten. Forgetting is harmless once a bucket has
 * refilled (a fresh bucket is a full one); only a storm from more than {@code MAX_KEYS} networks at once could
 * make a bucket forget early, and the server-wide bucket still holds such a storm.
 *
 * <p>Time comes from the injected clock. Called by the one acceptor thread; synchronized all the same, as the
 * tests and {@link #keys()} come from others.
 */
public final class ConnectRate {

    /**
     * @param server     new connections per second to the whole server, with a burst
     * @param perAddress from one address
     * @param perNetwork from one IPv4 /24 or IPv6 /64
     */
    public record Limits(RateLimit server, RateLimit perAddress, RateLimit perNetwork) {

        /**
         * Why these: 200/s with a burst of 400 welcomes a whole server reconnecting after a restart in a few
         * seconds while a storm of 1,000/s is cut to a rate the core handles without delaying anyone; one address
         * or one /24 has no reason to open more than a handful a second (a NAT of a whole office still fits in
         * 20/s with a burst of 40).
         */
        public static final Limits DEFAULT = new Limits(new RateLimit(200, 400), new RateLimit(10, 20),
                new RateLimit(20, 40));
        public static final Limits OFF = new Limits(RateLimit.OFF, RateLimit.OFF, RateLimit.OFF);
    }

    public static final String TOO_FAST = "too many new connections, try again in a few seconds";
    /** Addresses, and networks, remembered at most (each map): about 100 bytes each. */
    static final int MAX_KEYS = 65_536;

    private final Limits limits;
    private final Clock clock;
    private final TokenBucket server;
    private final Map<InetAddress, TokenBucket> addresses = lru();
    private final Map<InetAddress, TokenBucket> networks = lru();

    public ConnectRate(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.server = limits.server().isOff() ? null : new TokenBucket(limits.server(), clock);
    }

    /**
     * Takes a token from each bucket {@code ip} draws on, or none if any is empty: a connection refused by its
     * network's bucket does not spend the server's.
     *
     * @return why not, if the connection came too fast
     */
    public synchronized Optional<String> admit(InetAddress ip) {
        TokenBucket address = bucket(addresses, limits.perAddress(), ip);
        TokenBucket network = bucket(networks, limits.perNetwork(), network(ip));
        if (!ready(address) || !ready(network) || !ready(server)) {
            return Optional.of(TOO_FAST);
        }
        take(address);
        take(network);
        take(server);
        return Optional.empty();
    }

    /** Addresses and networks remembered now. */
    public synchronized int keys() {
        return addresses.size() + networks.size();
    }

    private TokenBucket bucket(Map<InetAddress, TokenBucket> map, RateLimit limit, InetAddress key) {
        return limit.isOff() ? null : map.computeIfAbsent(key, k -> new TokenBucket(limit, clock));
    }

    private static boolean ready(TokenBucket bucket) {
        return bucket == null || bucket.untilNextToken().isZero();
    }

    private static void take(TokenBucket bucket) {
        if (bucket != null) {
            bucket.tryTake();
        }
    }

    /** The /24 of an IPv4 address, the /64 of an IPv6 one, as an address with the host bits cleared. */
    static InetAddress network(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        int keep = bytes.length == 4 ? 3 : 8;
        for (int i = keep; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes); // no lookup: the bytes are the address
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static Map<InetAddress, TokenBucket> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
