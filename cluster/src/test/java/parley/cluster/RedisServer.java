package parley.cluster;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, in a directory of the test's. A test is skipped, saying so, where the binary is
 * not installed; CI installs it (.ci/run).
 */
final class RedisServer implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int port;
    private final boolean durable;
    private Process process;

    private RedisServer(Path binary, Path dir, int port, boolean durable) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.durable = durable;
    }

    /** Starts one that keeps nothing on disk, or skips the test when redis-server is not on the PATH. */
    static RedisServer start(Path dir) throws IOException {
        return start(dir, false);
    }

    /**
     * {@code durable}: with an append-only file written at every command ({@code appendfsync always}), so a
     * restart keeps everything it accepted, as a production Redis for a cluster should be set up.
     */
    static RedisServer start(Path dir, boolean durable) throws IOException {
        Optional<Path> binary = find();
        assumeThat(binary).as("redis-server is not installed (apt-get install redis-server); cluster tests skipped")
                .isPresent();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        RedisServer redis = new RedisServer(binary.get(), dir, port, durable);
        redis.startAgain();
        return redis;
    }

    ClusterAddress address() {
        return new ClusterAddress("127.0.0.1", port, 0);
    }

    /** Starts the server again on the same port (after {@link #stop}). */
    void startAgain() throws IOException {
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", durable ? "yes" : "no", "--appendfsync", "always",
                "--dir", dir.toString())
                .redirectOutput(new File(dir.toFile(), "redis.out")).redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            }
        });
    }

    /** Stops it as SIGTERM does; with no persistence, what it held is gone. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** Stops it answering without closing a connection, as SIGSTOP does: a Redis stalled mid-command. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a {@link #pause}d server go on: what it was sent meanwhile is carried out now. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String which) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill " + which + " failed: " + code);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static Optional<Path> find() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, "redis-server");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
