package parley.bench.target;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The bench sends load only to this machine's loopback addresses. */
final class Loopback {

    private Loopback() {
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are resolved here (no DNS look-up for a name that is not localhost).
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
