package parley.server;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection caps, shared by both backends: at most {@code maxClients} connections in all and at most
 * {@code maxPerIp} from one address (0 = no cap). A refused connection gets one line and is closed; the
 * server goes on accepting others.
 */
public final class Admission {

    public static final String SERVER_FULL = "server full, try again later";
    public static final String TOO_MANY_FROM_YOU = "too many connections from your address";

    private final int maxClients;
    private final int maxPerIp;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perIp = new ConcurrentHashMap<>();

    public Admission(int maxClients, int maxPerIp) {
        this.maxClients = maxClients;
        this.maxPerIp = maxPerIp;
    }

    /**
     * Admits a connection from {@code ip}, or says why not. Every admitted connection must be
     * {@linkplain #release released} exactly once when it closes.
     */
    public Optional<String> admit(InetAddress ip) {
        if (total.incrementAndGet() > maxClients && maxClients > 0) {
            total.decrementAndGet();
            return Optional.of(SERVER_FULL);
        }
        boolean[] refused = {false};
        perIp.compute(ip, (k, n) -> {
            int count = n == null ? 0 : n;
            if (maxPerIp > 0 && count >= maxPerIp) {
                refused[0] = true;
                return n;
            }
            return count + 1;
        });
        if (refused[0]) {
            total.decrementAndGet();
            return Optional.of(TOO_MANY_FROM_YOU);
        }
        return Optional.empty();
    }

    public void release(InetAddress ip) {
        total.decrementAndGet();
        perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1); // the last one leaves: forget the address
    }
}
