package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test client itself, against a bare loopback server socket on port 0. */
@Timeout(30)
class ChatClientTest {

    @Test
    void itsAddressIsTheOneTheServerSawEvenAfterTheServerHungUp() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ChatClient client = ChatClient.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()))) {
            String seen;
            try (Socket accepted = server.accept()) {
                seen = accepted.getInetAddress().getHostAddress() + ":" + accepted.getPort();
                assertThat(client.address()).isEqualTo(seen);
            }
            // The reader closes the client's socket at the server's FIN; a test that names the client after a
            // /quit (in the leave it expects) must still get the address the server showed, not 0.0.0.0.
            client.awaitClosedByServer();
            assertThat(client.address()).isEqualTo(seen);
        }
    }
}
