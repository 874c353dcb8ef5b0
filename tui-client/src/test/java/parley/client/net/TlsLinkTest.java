package parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.client.testing.FakeServer;
import parley.client.testing.RecordingListener;
import parley.protocol.ChatEvent;
import parley.tls.ClientTls;
import parley.tls.SelfSigned;

/** The link over TLS ({@code --tls}, {@code --tls-ca}, {@code --insecure}) against a TLS server on loopback. */
class TlsLinkTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private FakeServer server;
    private ServerLink link;

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A server presenting a certificate for {@code hosts}, and a CA file that trusts it. */
    private Path serve(String... hosts) throws Exception {
        SelfSigned cert = SelfSigned.mint(hosts);
        Path ca = dir.resolve("ca.pem");
        cert.writePem(ca, dir.resolve("key.pem"));
        server = new FakeServer(cert.serverContext());
        return ca;
    }

    private void connect(ClientTls tls) {
        link = new ServerLink("127.0.0.1", server.port(), "alice", attempt -> Optional.empty(), Dialer.tls(tls),
                listener);
        link.start();
    }

    /** Every detail the link reported until it reached {@code state}. */
    private List<String> detailsUntil(LinkState state) throws InterruptedException {
        listener.awaitState(state);
        List<String> details = new ArrayList<>();
        listener.details.drainTo(details);
        return details;
    }

    @Test
    void withTheServersCaTheLinkVerifiesConnectsAndSaysItIsOverTls() throws Exception {
        Path ca = serve("localhost", "127.0.0.1");
        connect(ClientTls.verifying(ca));

        assertThat(detailsUntil(LinkState.CONNECTED)).contains("connected to 127.0.0.1:" + server.port() + " over TLS");
        assertThat(listener.nextEvent()).isInstanceOf(ChatEvent.Welcome.class);
        assertThat(server.nextLine()).isEqualTo("/nick alice");
        link.send("secret words");
        assertThat(server.nextLine()).isEqualTo("secret words");
    }

    @Test
    void aCertificateNoTrustedAuthoritySignedFailsWithOneSentence() throws Exception {
        serve("localhost", "127.0.0.1");
        connect(ClientTls.verifying(null)); // the system store alone

        assertThat(detailsUntil(LinkState.FAILED)).contains("cannot connect to 127.0.0.1:" + server.port()
                + ": the server's TLS certificate is not trusted (give its CA with --tls-ca FILE)");
    }

    @Test
    void aCertificateForAnotherHostFailsWithOneSentence() throws Exception {
        Path ca = serve("chat.example.org");
        connect(ClientTls.verifying(ca));

        assertThat(detailsUntil(LinkState.FAILED)).contains("cannot connect to 127.0.0.1:" + server.port()
                + ": the server's TLS certificate is not for 127.0.0.1");
    }

    @Test
    void insecureConnectsToAnyCertificateAndSaysLoudlyWhatItSkips() throws Exception {
        serve("chat.example.org");
        connect(ClientTls.insecure());

        assertThat(detailsUntil(LinkState.CONNECTED)).anyMatch(d -> d.startsWith("connected to 127.0.0.1:")
                && d.contains("over TLS WITHOUT VERIFICATION (--insecure)"));
        assertThat(listener.nextEvent()).isInstanceOf(ChatEvent.Welcome.class);
    }

    @Test
    void aPlainServerOnTheOtherEndIsOneSentenceToo() throws Exception {
        server = new FakeServer();
        connect(ClientTls.insecure());

        assertThat(detailsUntil(LinkState.FAILED)).contains("cannot connect to 127.0.0.1:" + server.port()
                + ": the server did not answer in TLS (is that the plain port?)");
    }
}
