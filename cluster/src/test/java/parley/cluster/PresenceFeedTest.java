package parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.core.CoreSettings;
import parley.selector.SelectorBackend;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;

/**
 * How a node reads the presence stream, against a real redis-server: node a is a real node, and "node b" is
 * written straight into Redis by the test, so the entries arrive exactly as the test lays them out.
 */
@Timeout(60)
class PresenceFeedTest {

    @TempDir
    Path dir;

    private RedisServer redis;
    private ClusterNode a;
    private final ClusterClients clients = new ClusterClients();
    private Jedis b;

    @BeforeEach
    void startNodeA() throws IOException {
        redis = RedisServer.start(dir);
        a = new ClusterNode(new SelectorBackend(), redis.address(), "a", TwoNodes.CLOCK, CoreSettings.defaults(),
                ClusterNode.FAST);
        b = new Jedis(redis.address().host(), redis.address().port());
        b.set(Keys.alive("b"), "1", SetParams.setParams().px(60_000)); // alive for the whole test: never reaped
        b.sadd(Keys.NODES, "b");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {clients, a, b, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void entriesOlderThanTheSnapshotAnSEntryTakesAreNotToldAgain() throws IOException {
        ChatClient alice = clients.named(a, "alice");
        alice.send("/join rust");
        alice.awaitContaining("-- in #rust:");
        // Node b re-asserted itself (S), then bob came into #lobby and went on to #rust, all before node a read
        // any of it: one batch, and bob's hash already says #rust when the S makes node a read it.
        b.hset(Keys.members("b"), "bob", "rust\tbob\t10.0.0.7:2000");
        Transaction t = b.multi();
        entry(t, Map.of("o", "S", "d", "b"));
        entry(t, Map.of("o", "J", "d", "b", "r", "lobby", "n", "bob", "a", "10.0.0.7:2000", "w", ""));
        entry(t, Map.of("o", "J", "d", "b", "r", "rust", "n", "bob", "a", "10.0.0.7:2000", "w", ""));
        t.exec();
        // A later arrival: once alice is told of it, everything before it has been told.
        b.hset(Keys.members("b"), "carol", "rust\tcarol\t10.0.0.8:3000");
        b.xadd(Keys.PRESENCE, XAddParams.xAddParams(),
                Map.of("o", "J", "d", "b", "r", "rust", "n", "carol", "a", "10.0.0.8:3000", "w", ""));
        alice.awaitContaining("carol (10.0.0.8:3000@b) joined #rust");

        assertThat(alice.seen()).filteredOn(line -> line.contains("bob ("))
                .containsExactly("[08:00:00] -> bob (10.0.0.7:2000@b) joined #rust");
        alice.send("/who");
        assertThat(alice.awaitContaining("-- in #rust:")).contains("bob (10.0.0.7:2000@b)", "carol (10.0.0.8:3000@b)");
    }

    private static void entry(Transaction t, Map<String, String> fields) {
        t.xadd(Keys.PRESENCE, XAddParams.xAddParams(), fields);
    }
}
