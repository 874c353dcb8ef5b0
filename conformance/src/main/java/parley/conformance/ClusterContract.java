package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parley.protocol.ChatEvent;
import parley.protocol.MachineFormat;
import parley.protocol.Member;
import parley.protocol.WireMode;

/**
 * The part of {@link BackendContract} that must hold across a cluster, with every client of a test on a node
 * other than the previous one's: what one node's client does, the other node's client sees as if they shared a
 * server. A subclass starts the nodes (module {@code cluster}: two nodes on different backends and one Redis).
 *
 * <p>Differences from one server, and why: guest numbers come in blocks per node, so a test reads each client's
 * nick from its welcome; a member on another node is listed with {@code @NODE} after their address; comings and
 * goings on another node arrive a moment later, so a test waits for them before it asks {@code /who}.
 */
@Timeout(120)
public abstract class ClusterContract {

    /** Every timestamp the nodes write is this one: 14:02:07, as in {@link BackendContract}. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:02:07Z"), ZoneOffset.UTC);

    private static final Pattern WELCOME = Pattern.compile("welcome to parley, ([^;]+);");

    private final List<ChatClient> clients = new ArrayList<>();
    private List<InetSocketAddress> nodes;

    /** Starts a fresh cluster of at least two nodes, their cores on {@link #CLOCK}; their addresses. */
    protected abstract List<InetSocketAddress> startNodes() throws IOException;

    /** The name of node {@code i} of {@link #startNodes}, as it shows after a member's address. */
    protected abstract String nodeName(int i);

    /** Stops what {@link #startNodes} started. */
    protected abstract void stopNodes() throws Exception;

    @BeforeEach
    void startTheCluster() throws IOException {
        nodes = startNodes();
    }

    @AfterEach
    void stopTheCluster() throws Exception {
        for (ChatClient c : clients) {
            c.close();
        }
        stopNodes();
    }

    /** A client on node {@code i}, its welcome seen. */
    private ChatClient join(int i) throws IOException {
        ChatClient c = ChatClient.connect(nodes.get(i));
        clients.add(c);
        c.awaitContaining("welcome to parley");
        return c;
    }

    private static String nick(ChatClient c) {
        Matcher m = WELCOME.matcher(c.seen().get(0));
        assertThat(m.find()).as(c.seen().get(0)).isTrue();
        return m.group(1);
    }

    /** Waits until {@code watcher} (on another node) has heard that {@code c} is there. */
    private static void awaitKnown(ChatClient watcher, ChatClient c) {
        watcher.await(line -> line.contains(nick(c) + " (" + c.address() + "@"), nick(c) + " from the other node");
    }

    @Test
    void messageShowsTimeNickAndAddressToEveryoneIncludingTheSender() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        a.send("hello there");
        String expected = "[14:02:07] <" + nick(a) + "@" + a.address() + "> hello there";
        assertThat(a.awaitContaining("hello there")).isEqualTo(expected);
        assertThat(b.awaitContaining("hello there")).isEqualTo(expected);
    }

    @Test
    void twoClientsTalkingAtOnceSeeOneAndTheSameOrder() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        for (int i = 0; i < 50; i++) {
            a.send("a" + i);
            b.send("b" + i);
        }
        assertThat(BackendContract.messagesUntil(a, "b49", "a49"))
                .isEqualTo(BackendContract.messagesUntil(b, "b49", "a49"));
    }

    @Test
    void privateMessagesReachOnlyTheirTargetAndTheSender() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        ChatClient c = join(0);
        awaitKnown(a, b);
        a.send("/msg " + nick(b) + " the secret");
        assertThat(b.awaitContaining("the secret"))
                .contains("*" + nick(a) + "@" + a.address() + "@" + nodeName(0) + " -> " + nick(b) + "* the secret");
        a.awaitContaining("the secret");
        a.send("after");
        c.awaitContaining("> after");
        b.awaitContaining("> after");
        assertThat(c.seen()).noneMatch(line -> line.contains("the secret"));
        a.send("/msg nobody hi");
        assertThat(a.awaitContaining("!!")).contains("no one here is called nobody");
    }

    @Test
    void nicksAreUniqueAcrossNodesIgnoringCase() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        awaitKnown(b, a);
        a.send("/nick Alice");
        assertThat(b.awaitContaining("is now known as"))
                .endsWith(nick(a) + " (" + a.address() + "@" + nodeName(0) + ") is now known as Alice");
        b.send("/nick alice");
        assertThat(b.awaitContaining("!!")).contains("is taken").contains("still " + nick(b));
        b.send("/nick bad!name");
        assertThat(b.awaitContaining("!!")).contains("letters, digits");
        a.send("/nick Alicia");
        a.awaitContaining("is now known as Alicia");
        await().atMost(Duration.ofSeconds(20)).until(() -> { // Alice given up on node 0 is free on node 1
            b.send("/nick alice");
            return !b.await(l -> l.contains("!!") || l.contains("is now known as alice"), "an answer").contains("!!");
        });
    }

    @Test
    void whoListsTheRoomOnEveryNodeWithAddressesAndNodes() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        awaitKnown(a, b); // each node learns of the other's newcomer when its reader reads it: wait for both
        awaitKnown(b, a);
        a.send("/who");
        assertThat(a.awaitContaining("people:")).contains(nick(a) + " (" + a.address() + ")")
                .contains(nick(b) + " (" + b.address() + "@" + nodeName(1) + ")");
        b.send("/who");
        assertThat(b.awaitContaining("people:")).contains(nick(a) + " (" + a.address() + "@" + nodeName(0) + ")")
                .contains(nick(b) + " (" + b.address() + ")");
    }

    @Test
    void roomsKeepTheirMessagesApart() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        awaitKnown(b, a);
        a.send("/join #rust");
        assertThat(b.awaitContaining("left #lobby")).contains(nick(a)).contains("went to #rust");
        a.awaitContaining("joined #rust");
        a.send("in rust");
        a.awaitContaining("in rust");
        b.send("/join RUST");
        assertThat(a.awaitContaining("joined #rust")).contains(nick(b));
        assertThat(b.seen()).noneMatch(line -> line.contains("> in rust") && !line.contains("(history)"));
    }

    @Test
    void quitAndAnAbruptDisconnectAreAnnouncedOnTheOtherNode() throws IOException {
        ChatClient a = join(0);
        ChatClient b = join(1);
        ChatClient c = join(1);
        awaitKnown(a, b);
        awaitKnown(a, c);
        b.send("/quit gone fishing");
        b.awaitClosedByServer();
        assertThat(a.awaitContaining("left #lobby")).contains(nick(b)).endsWith("(quit: gone fishing)");
        c.reset();
        assertThat(a.awaitContaining(nick(c) + " (")).contains("left #lobby");
    }

    @Test
    void machineModeListsMembersOfOtherNodesWithTheirNode() throws IOException {
        ChatClient a = join(0);
        awaitKnown(join(1), a); // node 1 has read a's arrival, so m's member list, taken once, has a in it
        ChatClient m = join(1);
        m.send(WireMode.MACHINE_HELLO);
        ChatEvent members = MachineFormat.parse(m.await(l -> l.startsWith("members\t"), "a machine member list"));
        assertThat(members).isInstanceOfSatisfying(ChatEvent.Members.class, list -> assertThat(list.members())
                .contains(new Member(nick(a), a.address() + "@" + nodeName(0))));
        a.send("tab\there");
        ChatEvent message = MachineFormat.parse(m.await(l -> l.startsWith("message\t"), "a machine message"));
        assertThat(message).isInstanceOfSatisfying(ChatEvent.Message.class, said -> {
            assertThat(said.from()).isEqualTo(new Member(nick(a), a.address()));
            assertThat(said.text()).isEqualTo("tab here");
        });
    }
}
