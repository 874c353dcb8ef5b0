package parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.cluster.ClusterClients.awaitSaid;
import static parley.cluster.ClusterClients.said;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.protocol.WireMode;

/**
 * Two nodes as one chat over a real redis-server: node a runs the selector backend, node b the threaded
 * one, and every client is on a node of its own.
 */
@Timeout(120)
class TwoNodeChatTest {

    @TempDir
    Path dir;

    private TwoNodes cluster;
    private ClusterClients clients;
    private ClusterNode a;
    private ClusterNode b;

    @BeforeEach
    void startTheCluster() throws IOException {
        cluster = new TwoNodes(dir, false);
        clients = cluster.clients;
        a = cluster.a;
        b = cluster.b;
    }

    @AfterEach
    void stopTheCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyoneOnEitherNodeSeesTheRoomInOneOrder() throws IOException {
        ChatClient alice = clients.named(a, "alice");
        ChatClient bob = clients.named(b, "bob");
        int each = 60;
        for (int i = 0; i < each; i++) {
            alice.send("a" + i);
            bob.send("b" + i);
        }
        awaitSaid(alice, 2 * each);
        awaitSaid(bob, 2 * each);

        List<String> seenByAlice = said(alice);
        assertThat(seenByAlice).hasSize(2 * each).isEqualTo(said(bob));
        // Each sender's own lines keep the order they were said in.
        assertThat(seenByAlice.stream().filter(s -> s.startsWith("alice: ")).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, each).mapToObj(i -> "alice: a" + i).toList());
    }

    @Test
    void aNewcomerOnTheOtherNodeGetsTheRoomsHistory() throws IOException {
        ChatClient alice = clients.named(a, "alice");
        alice.send("/join rust");
        alice.awaitContaining("you are now in #rust");
        alice.send("first");
        alice.send("second");
        alice.await(line -> line.endsWith("> second"), "her own line back from the stream");

        ChatClient carol = clients.named(b, "carol");
        carol.send("/join rust");
        carol.await(line -> line.contains("(history) <alice@") && line.endsWith("> second"), "the history from node a");
        alice.send("third");
        carol.await(line -> line.endsWith("> third") && !line.contains("(history)"), "a live line");
        assertThat(said(carol)).containsExactly("alice: first", "alice: second", "alice: third");
    }

    @Test
    void idsAreTheStreamsSoAClientResumesOnAnotherNodeWithoutGapOrDuplicate() throws IOException {
        ChatClient alice = clients.named(a, "alice");
        ChatClient dave = clients.connect(a);
        dave.send(WireMode.MACHINE_V2_HELLO); // the first line, or it is not a hello
        for (int i = 1; i <= 5; i++) {
            alice.send("m" + i);
        }
        String third = dave.await(line -> line.startsWith("message\t") && line.endsWith("\tm3"), "m3 with its id");
        long id = idOf(third);
        dave.await(line -> line.contains("m5"), "m5");

        ChatClient again = clients.named(b, "dave2");
        awaitSaid(again, 5); // the room's welcome history, m1 to m5
        int before = again.seen().size();
        again.send("/history since " + id);
        again.await(line -> line.endsWith("> m5"), "the lines after m3, from node b");
        assertThat(said(again.seen().subList(before, again.seen().size()))).containsExactly("alice: m4", "alice: m5");
    }

    /** The id field of a PARLEY/2 line: kind, room, time, nick, address, history, id, text. */
    private static long idOf(String machineLine) {
        return Long.parseLong(machineLine.split("\t")[6]);
    }
}
