package parley.client.net;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLException;
import parley.tls.ClientTls;

/**
 * What the link speaks over a connected socket: the socket itself, or TLS over it ({@code --tls}). A TLS
 * failure becomes an IOException whose message is the one sentence the person is shown.
 */
public interface Dialer {

    /** The plain port: the socket as it is. */
    Dialer PLAIN = new Dialer() {
        @Override
        public Socket over(Socket connected, String host, int timeoutMillis) {
            return connected;
        }

        @Override
        public String describe() {
            return "";
        }
    };

    /** The socket to talk over; closing {@code connected} closes it too. */
    Socket over(Socket connected, String host, int timeoutMillis) throws IOException;

    /** Said after "connected to host:port": empty, "over TLS", or what --insecure gives up. */
    String describe();

    /** TLS with {@code tls}'s trust: verified, or loudly not ({@code --insecure}). */
    static Dialer tls(ClientTls tls) {
        return new Dialer() {
            @Override
            public Socket over(Socket connected, String host, int timeoutMillis) throws IOException {
                try {
                    return tls.layer(connected, host, timeoutMillis);
                } catch (SSLException e) {
                    throw new IOException(ClientTls.explain(e, host), e);
                }
            }

            @Override
            public String describe() {
                return tls.verifies() ? " over TLS" : " over TLS WITHOUT VERIFICATION (--insecure): anyone on the "
                        + "way can read and change this chat";
            }
        };
    }
}
