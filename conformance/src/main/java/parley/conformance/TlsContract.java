package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.ServerSettings;
import parley.tls.ClientTls;
import parley.tls.SelfSigned;
import parley.tls.TlsException;
import parley.tls.TlsSettings;

/**
 * The TLS port, next to the plain one: the same chat over TLS, certificates checked by the client, and a
 * port that no stalled, plaintext or slow client can use to hurt anyone. Certificates are minted per run.
 */
public abstract class TlsContract extends ContractSupport {

    private static final int TIMEOUT_MILLIS = (int) ChatClient.PATIENCE.toMillis();
    private static final Duration SHORT_HANDSHAKE = Duration.ofSeconds(2);
    /** The nick a third connection would get: neither a stalled nor a refused one may ever be seen with it. */
    private static final String THIRD = "guest3";

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private SelfSigned serverCert;
    private ClientTls trusting;
    private InetSocketAddress plain;
    private InetSocketAddress tls;

    @BeforeEach
    void mintAndTrust() throws IOException, TlsException {
        serverCert = SelfSigned.mint("localhost", "127.0.0.1");
        serverCert.writePem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        trusting = ClientTls.verifying(dir.resolve("cert.pem"));
    }

    /** Starts the backend with both ports, its log kept in {@link #log}. */
    private void startBoth(ServerSettings settings, SelfSigned cert, Duration handshakeTimeout) throws IOException {
        core = new ChatCore(CLOCK, ServerLog.silent());
        server = backend().start(settings.withLog(log::add), core,
                Optional.of(new TlsSettings(0, cert.serverContext(), handshakeTimeout)));
        plain = server.address();
        tls = server.tlsAddress().orElseThrow();
    }

    private void startBoth() throws IOException {
        startBoth(ServerSettings.forTests(), serverCert, TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private ChatClient joinOverTls() throws IOException {
        ChatClient c = connect(ChatClient.over(trusting.connect("127.0.0.1", tls.getPort(), TIMEOUT_MILLIS), true));
        c.awaitContaining("welcome to parley");
        return c;
    }

    @Test
    void aTlsClientAndAPlainClientChat() throws IOException {
        startBoth();
        ChatClient secure = joinOverTls();
        ChatClient clear = join(plain);

        secure.send("hello over tls");
        String heard = clear.awaitContaining("hello over tls");
        clear.send("hello in the clear");
        secure.awaitContaining("hello in the clear");

        // TLS is transport: the address shown is ip:port, as for everyone
        assertThat(heard).contains("@" + secure.address() + ">");
        assertThat(server.tlsAddress()).hasValueSatisfying(a -> assertThat(a.getPort()).isNotEqualTo(plain.getPort()));
    }

    @Test
    void aCertificateTheClientDoesNotTrustIsRefusedWithAClearReason() throws IOException, TlsException {
        startBoth();
        SelfSigned stranger = SelfSigned.mint("localhost", "127.0.0.1");
        stranger.writePem(dir.resolve("other.pem"), dir.resolve("other-key.pem"));
        ClientTls trustsSomeoneElse = ClientTls.verifying(dir.resolve("other.pem"));

        assertThatThrownBy(() -> trustsSomeoneElse.connect("127.0.0.1", tls.getPort(), TIMEOUT_MILLIS))
                .isInstanceOfSatisfying(SSLException.class, e -> assertThat(ClientTls.explain(e, "127.0.0.1"))
                        .isEqualTo("the server's TLS certificate is not trusted (give its CA with --tls-ca FILE)"));
        // ... and the server goes on serving
        joinOverTls().send("still here");
        join(plain).awaitContaining("still here");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedWithAClearReason() throws IOException, TlsException {
        SelfSigned elsewhere = SelfSigned.mint("chat.example.org");
        elsewhere.writePem(dir.resolve("elsewhere.pem"), dir.resolve("elsewhere-key.pem"));
        startBoth(ServerSettings.forTests(), elsewhere, TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
        ClientTls trustsIt = ClientTls.verifying(dir.resolve("elsewhere.pem"));

        assertThatThrownBy(() -> trustsIt.connect("127.0.0.1", tls.getPort(), TIMEOUT_MILLIS))
                .isInstanceOfSatisfying(SSLException.class, e -> assertThat(ClientTls.explain(e, "127.0.0.1"))
                        .isEqualTo("the server's TLS certificate is not for 127.0.0.1"));
        // --insecure checks neither: it connects
        try (SSLSocket s = ClientTls.insecure().connect("127.0.0.1", tls.getPort(), TIMEOUT_MILLIS)) {
            ChatClient.over(s, true).awaitContaining("welcome to parley");
        }
    }

    @Test
    void aClientThatStallsMidHandshakeIsClosedAfterTheTimeoutWhileOthersChat() throws IOException {
        startBoth(ServerSettings.forTests(), serverCert, SHORT_HANDSHAKE);
        ChatClient secure = joinOverTls();
        ChatClient clear = join(plain);
        try (Socket staller = new Socket()) {
            staller.connect(tls);
            // The first bytes of a ClientHello record, then nothing: the server waits for the rest.
            staller.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
            staller.getOutputStream().flush();
            secure.send("while it stalls");
            clear.awaitContaining("while it stalls");

            // closed by the timeout, with at most an alert
            assertThat(new String(readToEnd(staller), StandardCharsets.ISO_8859_1)).doesNotContain("welcome");
            await().atMost(ChatClient.PATIENCE).until(() -> log.stream().anyMatch(
                    l -> l.contains("on the TLS port: no TLS handshake within 2000 ms")));
        }
        clear.send("after it went");
        secure.awaitContaining("after it went");
        assertThat(clear.seen()).noneMatch(l -> l.contains(THIRD) || l.contains("left"));
    }

    @Test
    void aPlaintextClientOnTheTlsPortIsRefusedAndNobodyElseNotices() throws IOException {
        startBoth();
        ChatClient secure = joinOverTls();
        ChatClient clear = join(plain);
        try (Socket confused = new Socket()) {
            confused.connect(tls);
            confused.getOutputStream().write("/nick mallory\nhello\n".getBytes(StandardCharsets.UTF_8));
            String answer = new String(readToEnd(confused), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("welcome"); // at most a TLS alert, then the close
        }
        await().atMost(ChatClient.PATIENCE).until(() -> log.stream().anyMatch(l -> l.contains("on the TLS port:")));
        assertThat(log.stream().filter(l -> l.contains("on the TLS port:"))).hasSize(1);

        secure.send("after the confusion");
        clear.awaitContaining("after the confusion");
        assertThat(clear.seen()).noneMatch(l -> l.contains("mallory") || l.contains(THIRD) || l.contains("left"));
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aSlowTlsReaderIsClosedAsASlowConsumerAndEveryoneElseGetsEveryLine() throws IOException {
        startBoth(ServerSettings.forTests().withLimits(l -> l.withMaxOutboundBytes(256 * 1024)), serverCert,
                TlsSettings.DEFAULT_HANDSHAKE_TIMEOUT);
        ChatClient talker = join(plain);
        ChatClient listener = joinOverTls();
        Socket raw = new Socket();
        raw.setReceiveBufferSize(4096);
        raw.connect(tls);
        try (SSLSocket stuck = trusting.layer(raw, "127.0.0.1", TIMEOUT_MILLIS)) {
            listener.awaitContaining("joined"); // the stuck one is in the room, and now reads nothing
            talkUntilTheStuckOneLeaves(talker, listener, "slow consumer: more than 262144 bytes queued");
        }
    }

    /** Everything the server sends until it closes the socket (a reset counts as the end too). */
    private static byte[] readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        InputStream in = socket.getInputStream();
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0]; // reset: closed all the same
        }
    }
}
