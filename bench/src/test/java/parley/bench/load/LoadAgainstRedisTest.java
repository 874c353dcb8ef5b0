package parley.bench.load;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.bench.target.RedisTarget;

/** The load generator with the RESP3 adapter against a real redis-server (skipped when it is not installed). */
@Timeout(120)
class LoadAgainstRedisTest {

    private Process redis;
    private InetSocketAddress address;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Optional<Path> binary = RedisTarget.findBinary();
        assumeThat(binary).as("redis-server installed").isPresent();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        redis = new ProcessBuilder(binary.get().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectOutput(new File(dir.toFile(), "redis.out")).redirectErrorStream(true).start();
        address = new InetSocketAddress("127.0.0.1", port);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket(address.getAddress(), port)) {
                return true;
            }
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
    }

    @Test
    void fixedRateFanoutArrivesCompleteAndInOrder() throws Exception {
        RoomDrive.fixedRate(address, new RedisAdapter(), 6, 3, 40);
    }

    @Test
    void everyoneSendingWithAWindowArrivesCompleteAndInOrder() throws Exception {
        RoomDrive.window(address, new RedisAdapter(), 5, 4, 300);
    }
}
