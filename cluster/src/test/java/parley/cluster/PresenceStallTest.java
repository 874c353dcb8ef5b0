package parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.core.CoreSettings;
import parley.selector.SelectorBackend;
import parley.threaded.ThreadedBackend;
import redis.clients.jedis.Jedis;

/**
 * A Redis that stops answering for a while without closing a connection (SIGSTOP, shorter than the socket
 * timeout): the presence work that piles up meanwhile stays bounded, a rename is answered promptly, and once
 * Redis goes on everything ends as it is on the node, nothing half-applied.
 */
@Timeout(120)
class PresenceStallTest {

    private static final int BACKLOG = 5;

    @TempDir
    Path dir;

    private RedisServer redis;
    private ClusterNode a;
    private ClusterNode b;
    private final ClusterClients clients = new ClusterClients();

    private void start() throws IOException {
        redis = RedisServer.start(dir);
        a = new ClusterNode(new SelectorBackend(), redis.address(), "a", TwoNodes.CLOCK, CoreSettings.defaults(),
                ClusterNode.FAST, BACKLOG);
        b = new ClusterNode(new ThreadedBackend(), redis.address(), "b", TwoNodes.CLOCK, CoreSettings.defaults(),
                ClusterNode.FAST);
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            redis.resume(); // a failed test must not leave it stopped
        }
        for (AutoCloseable c : new AutoCloseable[] {clients, a, b, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aRenameWhoseClaimRedisDoesNotAnswerIsRefusedPromptlyAndLeavesNoClaimBehind() throws Exception {
        start();
        ChatClient alice = clients.named(a, "alice");
        ChatClient bob = clients.named(b, "bob");
        redis.pause();
        long asked = System.nanoTime();
        alice.send("/nick zed");
        String answer = alice.awaitContaining("!!");
        Duration waited = Duration.ofNanos(System.nanoTime() - asked);
        redis.resume();
        assertThat(answer).contains(Presence.CLAIM_UNANSWERED + "; you are still alice");
        assertThat(waited).isLessThan(RedisLink.TIMEOUT);
        // Redis carried the claim out once it went on: node a gave the nick back, so it is free for node b.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            bob.send("/nick zed");
            return bob.await(line -> line.contains("is now known as zed") || line.contains("!! nick zed"),
                    "bob's answer").contains("is now known as zed");
        });
        try (Jedis jedis = new Jedis(redis.address().host(), redis.address().port())) {
            assertThat(jedis.get(Keys.nick("zed"))).isEqualTo("b");
            assertThat(jedis.smembers(Keys.claims("a"))).doesNotContain("zed");
        }
        alice.send("/who");
        assertThat(alice.awaitContaining("people:")).contains("alice (").contains("zed (");
    }

    @Test
    void comingsAndGoingsPiledUpBehindAStalledRedisStayBoundedAndEndAsTheyAreOnTheNode() throws Exception {
        start();
        ChatClient bob = clients.named(b, "bob");
        redis.pause();
        List<ChatClient> came = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ChatClient c = clients.connect(a);
            c.awaitContaining("welcome to parley");
            came.add(c);
        }
        for (ChatClient c : came.subList(0, 6)) {
            c.send("/quit");
            c.awaitClosedByServer();
        }
        // Twelve arrivals and six departures are eighteen changes: at most BACKLOG of them wait, besides each
        // connection's guest claim and release.
        assertThat(a.presence().waiting()).isLessThanOrEqualTo(BACKLOG + 12 + 6);
        redis.resume();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            try (Jedis jedis = new Jedis(redis.address().host(), redis.address().port())) {
                assertThat(jedis.hlen(Keys.members("a"))).isEqualTo(6);
            }
            bob.send("/who");
            assertThat(bob.awaitContaining("-- in #lobby:")).contains("7 people");
        });
        bob.send("/who");
        String who = bob.awaitContaining("-- in #lobby:");
        for (ChatClient stayed : came.subList(6, 12)) {
            assertThat(who).contains("(" + stayed.address() + "@a)");
        }
        for (ChatClient left : came.subList(0, 6)) {
            assertThat(who).doesNotContain(left.address());
        }
    }
}
