package parley.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client reaches a TLS port: which certificates it trusts, and whether it checks them at all.
 *
 * <ul>
 *   <li>{@link #verifying}: the system trust store (the JDK's {@code cacerts}), plus the certificates of a
 *       {@code --tls-ca} file if one is given; the server's certificate must also name the host connected to
 *       (HTTPS rules: a DNS name, or an IP address for an IP literal).</li>
 *   <li>{@link #insecure}: any certificate, any name. Encrypted, but anyone in the middle can read along;
 *       whoever offers this says so on screen.</li>
 * </ul>
 */
public final class ClientTls {

    private final SSLContext context;
    private final boolean verifying;

    private ClientTls(SSLContext context, boolean verifying) {
        this.context = context;
        this.verifying = verifying;
    }

    /** Trusts the system store, and the certificates in {@code caFile} too when it is not null. */
    public static ClientTls verifying(Path caFile) throws TlsException {
        try {
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager trust = system;
            if (caFile != null) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                List<X509Certificate> certificates = ServerTlsFiles.readCertificates(caFile);
                for (int i = 0; i < certificates.size(); i++) {
                    anchors.setCertificateEntry("ca-" + i, certificates.get(i));
                }
                trust = new EitherTrustManager(trustManager(anchors), system);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return new ClientTls(context, true);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** Checks nothing: for a server whose certificate one cannot get, and never on a network one does not trust. */
    public static ClientTls insecure() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, null);
            return new ClientTls(context, false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e, e);
        }
    }

    public boolean verifies() {
        return verifying;
    }

    /**
     * Connects and completes the handshake within {@code timeoutMillis} (each step); a failed handshake is an
     * {@link SSLException} whose {@link #explain} is the sentence to show.
     */
    public SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            return layer(plain, host, timeoutMillis);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** TLS over a socket already connected to {@code host}, the handshake done; closing it closes {@code plain}. */
    public SSLSocket layer(Socket plain, String host, int timeoutMillis) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        SSLParameters parameters = TlsSettings.restrict(socket.getSSLParameters());
        if (verifying) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name `host`
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        socket.startHandshake();
        socket.setSoTimeout(0);
        return socket;
    }

    /** One sentence for a failed handshake: what is wrong with the server's certificate, or with the port. */
    public static String explain(SSLException e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof CertificateExpiredException) {
                return "the server's TLS certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the server's TLS certificate is not valid yet (is the clock right?)";
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "the server's TLS certificate is not for " + host;
            }
            if (t instanceof CertPathValidatorException || message.contains("unable to find valid certification path")
                    || message.contains("PKIX path")) {
                return "the server's TLS certificate is not trusted (give its CA with --tls-ca FILE)";
            }
            if (message.contains("nrecognized SSL message")) { // "Unsupported or unrecognized", JDK 25 "Unrecognized"
                return "the server did not answer in TLS (is that the plain port?)";
            }
        }
        return "the TLS handshake failed: " + e.getMessage();
    }

    private static X509ExtendedTrustManager trustManager(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors); // null: the system store
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }
}
