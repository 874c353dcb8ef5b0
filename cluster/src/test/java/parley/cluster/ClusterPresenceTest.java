package parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.core.CoreSettings;
import parley.core.RateLimit;
import parley.core.SessionLimits;

/**
 * Presence across a two-node cluster over a real redis-server (node a selector, node b threaded): who is where,
 * private messages between nodes, one holder per nick however the nodes are raced, a killed node's people
 * cleared away, and a Redis outage ridden out.
 */
@Timeout(180)
class ClusterPresenceTest {

    @TempDir
    Path dir;

    private TwoNodes cluster;
    private ClusterClients clients;

    @AfterEach
    void stopTheCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(boolean durable, CoreSettings settings) throws IOException {
        cluster = new TwoNodes(dir, durable, settings, ClusterNode.FAST);
        clients = cluster.clients;
    }

    @Test
    void whoAndRoomsCoverTheClusterAndNameTheNodeOfEachRemoteMember() throws IOException {
        start(false, CoreSettings.defaults());
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob's arrival from node b");
        alice.send("/who");
        assertThat(alice.awaitContaining("people:")).contains("alice (" + alice.address() + ")")
                .contains("bob (" + bob.address() + "@b)");
        bob.send("/join rust");
        alice.awaitContaining("bob (" + bob.address() + "@b) left #lobby (went to #rust)");
        await().atMost(Duration.ofSeconds(20)).until(() -> { // his arrival in #rust is the next entry of node b's
            alice.send("/rooms");
            return alice.awaitContaining("rooms:").endsWith("rooms: #lobby (1), #rust (1)");
        });
        alice.send("/join rust");
        assertThat(alice.awaitContaining("-- in #rust:")).contains("bob (" + bob.address() + "@b)");
        bob.send("/quit");
        alice.awaitContaining("bob (" + bob.address() + "@b) left #rust (quit)");
        alice.send("/who");
        assertThat(alice.awaitContaining("-- in #rust:")).contains("1 person").doesNotContain("bob");
    }

    @Test
    void msgReachesANickOnTheOtherNodeAndAnUnknownNickIsSaidToBeUnknown() throws IOException {
        start(false, CoreSettings.defaults());
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob known on node a");
        alice.send("/msg BOB across the nodes");
        assertThat(bob.awaitContaining("across the nodes"))
                .contains("*alice@" + alice.address() + "@a -> bob* across the nodes");
        assertThat(alice.awaitContaining("across the nodes")).contains("-> bob* across the nodes");
        alice.send("/msg nobody hello");
        assertThat(alice.awaitContaining("!!")).contains("no one here is called nobody");
    }

    @Test
    void aRecipientsPrivateMessageCapCountsMessagesFromOtherNodesToo() throws IOException {
        // Two lines in a burst and no refill: the tests' clock stands still.
        start(false, CoreSettings.defaults().withSessionLimits(SessionLimits.defaults()
                .withPrivateTraffic(new RateLimit(1, 2), SessionLimits.DEFAULT_PRIVATE_BYTES)));
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        ChatClient carol = clients.named(cluster.b, "carol");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob known on node a");
        carol.send("/msg bob one from here");
        bob.awaitContaining("one from here");
        alice.send("/msg bob two across");
        bob.awaitContaining("two across");
        alice.send("/msg bob three across");
        assertThat(alice.awaitContaining("!!")).contains(
                "bob is receiving more private messages than they can read; this one was not sent");
        carol.send("/msg bob four from here");
        assertThat(carol.awaitContaining("!!")).contains("bob is receiving more private messages");
        assertThat(bob.seen()).noneMatch(line -> line.contains("three across") || line.contains("four from here"));
    }

    @Test
    void twoNodesAskedForOneNickAtTheSameInstantGiveItToExactlyOne() throws Exception {
        start(false, CoreSettings.defaults());
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        CyclicBarrier together = new CyclicBarrier(2);
        int rounds = 40;
        int aliceWon = 0;
        for (int round = 0; round < rounds; round++) {
            String nick = "race" + round;
            Thread other = new Thread(() -> {
                try {
                    together.await(10, TimeUnit.SECONDS);
                    bob.send("/nick " + nick);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            together.await(10, TimeUnit.SECONDS);
            alice.send("/nick " + nick);
            other.join();
            String forAlice = alice.await(line -> line.contains("is now known as " + nick + "")
                    && line.contains("(" + alice.address() + ")") || line.contains("!! nick " + nick), "alice's answer");
            String forBob = bob.await(line -> line.contains("is now known as " + nick)
                    && line.contains("(" + bob.address() + ")") || line.contains("!! nick " + nick), "bob's answer");
            boolean aliceHasIt = !forAlice.contains("!!");
            boolean bobHasIt = !forBob.contains("!!");
            assertThat(aliceHasIt ^ bobHasIt).as("round %d: exactly one of them is %s (%s | %s)", round, nick,
                    forAlice, forBob).isTrue();
            assertThat(aliceHasIt ? forBob : forAlice).contains("is taken (on node " + (aliceHasIt ? "a" : "b") + ")");
            aliceWon += aliceHasIt ? 1 : 0;
        }
        System.out.println("nick race: node a won " + aliceWon + " of " + rounds + " rounds");
    }

    @Test
    void aKilledNodesPeopleLeaveTheOtherNodesWhoWithinTheBoundAnnounced() throws Exception {
        start(false, CoreSettings.defaults());
        Process child = NodeProcess.start(cluster.redis.address(), "c");
        try {
            int port = portOf(child);
            ChatClient carol = clients.connect(new InetSocketAddress("127.0.0.1", port));
            carol.awaitContaining("welcome to parley");
            carol.send("/nick carol");
            carol.awaitContaining("is now known as carol");
            ChatClient alice = clients.named(cluster.a, "alice");
            // carol's rename reached node a when its reader read node c's entry, not when carol was told.
            awaitWho(alice, line -> line.matches(".*carol \\([^ ]+@c\\).*"), "carol of node c in /who");

            long killed = System.nanoTime();
            child.destroyForcibly().waitFor();
            alice.await(line -> line.matches(".*<- carol \\([^ ]+@c\\) left #lobby \\(node c stopped answering\\)"),
                    "carol's leave, said by node a");
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            // The bound is the heartbeat's expiry plus one beat; the reader's XREAD block may add up to 1 s more.
            assertThat(took).isLessThan(ClusterNode.FAST.bound().plusMillis(StreamReader.BLOCK_MILLIS + 1_000));
            alice.send("/who");
            assertThat(alice.awaitContaining("-- in #lobby:")).contains("1 person").doesNotContain("carol");
            // Its nick claim expired with it.
            ChatClient dave = clients.named(cluster.b, "carol");
            assertThat(dave.seen()).anyMatch(line -> line.contains("is now known as carol"));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aBigRoomSumsUpArrivalsFromEveryNode() throws IOException {
        start(false, CoreSettings.defaults().withPresenceLimit(2));
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob's arrival, told one by one in a small room");
        for (int i = 0; i < 3; i++) {
            clients.connect(cluster.b).awaitContaining("welcome to parley");
        }
        // Past the limit, the guests of node b reach alice in summaries, counting everyone on both nodes.
        int joined = 0;
        String summary = "";
        while (joined < 3) {
            summary = alice.await(line -> line.contains(" joined") && line.contains("people here"), "a summary");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+(\\d+) joined").matcher(summary);
            assertThat(m.find()).as(summary).isTrue();
            joined += Integer.parseInt(m.group(1));
        }
        assertThat(joined).isEqualTo(3);
        assertThat(summary).contains("5 people here");
        alice.send("/who");
        assertThat(alice.awaitContaining("-- in #lobby:")).contains("5 people");
        alice.awaitContaining("page 1 of 3");
        assertThat(alice.seen()).noneMatch(line -> line.matches(".*-> guest100[2-4] .*"));
    }

    @Test
    void whileRedisIsDownPresenceIsLocalAndWhenItIsBackTheClusterIsWholeAgain() throws Exception {
        start(true, CoreSettings.defaults());
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob known on node a");

        cluster.redis.stop();
        alice.awaitContaining("the cluster's Redis is unreachable");
        awaitStats(alice, "presence: this node's alone while Redis is unreachable");
        awaitWho(alice, line -> line.contains("1 person") && !line.contains("bob"), "alice alone");
        alice.send("/msg bob are you there");
        assertThat(alice.awaitContaining("!!")).contains("the cluster's Redis is unreachable: bob was on node b");
        alice.send("said while Redis is down");

        cluster.redis.startAgain();
        alice.awaitContaining("the cluster's Redis is back");
        bob.awaitContaining("> said while Redis is down");
        awaitWho(alice, line -> line.contains("bob (" + bob.address() + "@b)"), "bob back in alice's /who");
        awaitStats(alice, "presence: cluster-wide");
        // bob's claim was re-asserted: nobody on node a may take his nick now.
        ChatClient eve = clients.named(cluster.a, "eve");
        eve.send("/nick bob");
        assertThat(eve.awaitContaining("!!")).contains("nick bob is taken (on node b)");
    }

    @Test
    void aNickTakenOnBothSidesOfASplitStaysWithTheNodeThatReassertsFirstAndTheOtherHolderIsRenamed() throws Exception {
        start(false, CoreSettings.defaults());
        ChatClient alice = clients.named(cluster.a, "alice");
        ChatClient bob = clients.named(cluster.b, "bob");
        alice.await(line -> line.contains("@b) is now known as bob"), "bob known on node a");

        cluster.redis.stop();
        awaitStats(alice, "presence: this node's alone");
        awaitStats(bob, "presence: this node's alone");
        alice.send("/nick zed");
        alice.awaitContaining("is now known as zed");
        bob.send("/nick ZED");
        bob.awaitContaining("is now known as ZED");

        cluster.redis.startAgain(); // empty: both nodes claim zed again, and one of them is first
        await().atMost(Duration.ofSeconds(20)).until(() -> lostZed(alice) || lostZed(bob));
        boolean aliceLost = lostZed(alice);
        ChatClient loser = aliceLost ? alice : bob;
        ChatClient winner = aliceLost ? bob : alice;
        assertThat(loser.seen()).anyMatch(line -> line.contains("was taken on node " + (aliceLost ? "b" : "a")
                + " too; it stays theirs; you are now guest"));
        java.util.function.Predicate<String> renamed = line -> line.matches(".*\\) is now known as guest\\d+");
        if (loser.seen().stream().noneMatch(renamed)) {
            loser.await(renamed, "the loser renamed");
        }
        assertThat(lostZed(winner)).isFalse();
        // Redis has one holder again: a third client cannot take it.
        ChatClient eve = clients.named(cluster.a, "eve");
        eve.send("/nick zed");
        assertThat(eve.awaitContaining("!!")).contains("is taken");
    }

    /** Whether {@code c} has been told it lost zed (asks /stats to see what has arrived so far). */
    private static boolean lostZed(ChatClient c) throws IOException {
        c.send("/stats");
        c.await(l -> l.contains("presence: "), "the presence line of /stats");
        return c.seen().stream().anyMatch(line -> line.contains("zed was taken on node")
                || line.contains("ZED was taken on node"));
    }

    private static int portOf(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("listening ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain node c");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring("listening ".length()));
            }
            said.add(line);
        }
        throw new AssertionError("node c ended before it listened: " + said);
    }

    /** Asks {@code /who} until its answer satisfies {@code wanted}: presence changes arrive on their own time. */
    private static void awaitWho(ChatClient c, java.util.function.Predicate<String> wanted, String description) {
        await(description).atMost(Duration.ofSeconds(20)).until(() -> {
            c.send("/who");
            return wanted.test(c.awaitContaining("-- in #"));
        });
    }

    /** Asks {@code /stats} until a line of it contains {@code fragment}. */
    private static void awaitStats(ChatClient c, String fragment) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            c.send("/stats");
            String line = c.await(l -> l.contains("presence: "), "the presence line of /stats");
            return line.contains(fragment);
        });
    }
}
