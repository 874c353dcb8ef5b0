package parley.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * How a socket address (a peer's, mostly) is shown to people: {@code ip:port}, or {@code [ip6]:port}, never a
 * host name.
 */
public final class SocketAddresses {

    private SocketAddresses() {
    }

    public static String describe(SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(address);
        }
        String ip = inet.getAddress().getHostAddress();
        if (inet.getAddress() instanceof Inet6Address) {
            int scope = ip.indexOf('%');
            ip = "[" + (scope < 0 ? ip : ip.substring(0, scope)) + "]";
        }
        return ip + ":" + inet.getPort();
    }
}
