package parley.tls;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The TLS port next to the plain one: where it listens, with what key, and how long a handshake may take.
 *
 * @param port             port to bind; 0 picks a free one
 * @param context          the server's key and certificate chain
 * @param handshakeTimeout how long a new connection may take to finish its handshake before it is closed: a
 *                         client that stalls mid-handshake holds a socket and a slot, never more than this
 */
public record TlsSettings(int port, SSLContext context, Duration handshakeTimeout) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** TLS 1.2 and 1.3 only; older versions are never offered, whatever the JDK's configuration allows. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings withHandshakeTimeout(Duration value) {
        return new TlsSettings(port, context, value);
    }

    /** A server-side engine for one connection: TLS 1.2+, the JDK's default cipher suites for those versions. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(restrict(engine.getSSLParameters()));
        return engine;
    }

    /** The same for a server-side socket of the blocking backend. */
    public void configure(SSLSocket socket) {
        socket.setUseClientMode(false);
        socket.setSSLParameters(restrict(socket.getSSLParameters()));
    }

    /**
     * Only TLS 1.2+. The cipher suites stay the JDK's defaults: with SSLv3 to TLS 1.1 off, the suites that
     * only those versions use are never negotiated, and the JDK's own defaults already leave out RC4, 3DES,
     * export and anonymous suites.
     */
    static SSLParameters restrict(SSLParameters parameters) {
        parameters.setProtocols(Arrays.stream(parameters.getProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new));
        if (parameters.getProtocols().length == 0) {
            parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        }
        return parameters;
    }
}
