package parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.cluster.ClusterClients.awaitSaid;
import static parley.cluster.ClusterClients.said;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;

/** Redis stopped and started again while two nodes chat: what was said meanwhile waits, then arrives, in one order. */
@Timeout(120)
class RedisOutageTest {

    @TempDir
    Path dir;

    private TwoNodes cluster;
    private ClusterClients clients;
    private ClusterNode a;
    private ClusterNode b;

    @AfterEach
    void stopTheCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisServer start(boolean durable) throws IOException {
        cluster = new TwoNodes(dir, durable);
        clients = cluster.clients;
        a = cluster.a;
        b = cluster.b;
        return cluster.redis;
    }

    @Test
    void linesSaidWhileRedisIsDownArriveWhenItIsBackAndNothingItTookIsLost() throws Exception {
        RedisServer redis = start(true);
        ChatClient alice = clients.named(a, "alice");
        ChatClient bob = clients.named(b, "bob");
        alice.send("before");
        awaitSaid(bob, 1);

        redis.stop();
        alice.awaitContaining("the cluster's Redis is unreachable");
        bob.awaitContaining("the cluster's Redis is unreachable");
        alice.send("during 1");
        bob.send("during 2");
        alice.send("during 3");
        alice.send("/stats");
        alice.await(line -> line.contains("cluster: node a on " + redis.address() + ", unreachable since")
                && line.contains(", 2 lines waiting"), "the outage and alice's two waiting lines in /stats");

        redis.startAgain();
        alice.awaitContaining("the cluster's Redis is back");
        awaitSaid(alice, 4);
        awaitSaid(bob, 4);
        assertThat(said(alice)).isEqualTo(said(bob))
                .containsSubsequence("alice: before", "alice: during 1", "alice: during 3")
                .contains("bob: during 2").hasSize(4);

        // The restarted Redis kept what it took: a newcomer on the other node reads it all as history.
        ChatClient carol = clients.named(b, "carol");
        carol.send("/history 10");
        carol.await(line -> line.contains("end of history") && said(carol).size() >= 8, "the whole room again");
        assertThat(said(carol).subList(4, 8)).isEqualTo(said(alice));
    }

    @Test
    void aRedisRestartedEmptyNeverHandsOutAnIdTwice() throws Exception {
        RedisServer redis = start(false);
        ChatClient alice = clients.named(a, "alice");
        ChatClient bob = clients.named(b, "bob");
        for (int i = 1; i <= 5; i++) {
            alice.send("old " + i);
        }
        awaitSaid(bob, 5);

        redis.stop();
        bob.awaitContaining("the cluster's Redis is unreachable");
        redis.startAgain(); // empty: the counter starts again from nothing
        bob.awaitContaining("the cluster's Redis is back");
        alice.send("new 1");
        bob.send("new 2");
        awaitSaid(alice, 7);
        awaitSaid(bob, 7);
        // Had ids 1 and 2 been handed out again, the nodes would have taken both lines for ones they had shown.
        assertThat(said(bob)).isEqualTo(said(alice)).hasSize(7).contains("alice: new 1", "bob: new 2");
    }
}
