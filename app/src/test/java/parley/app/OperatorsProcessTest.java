package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;

/**
 * {@code parley server --data DIR --operators FILE --motd FILE} as a real process: the message of the day, an
 * operator named in the file, a ban that outlives a restart; and the files' mistakes as usage errors.
 */
@Timeout(180)
class OperatorsProcessTest {

    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=selector$");
    private static final String PASSWORD = "op-password-1";

    @TempDir
    Path dir;

    @Test
    void anOperatorFromTheFileBansAndTheBanOutlivesARestart() throws Exception {
        Path operators = Files.writeString(dir.resolve("operators"), "# who may moderate\n\nroot\n");
        Path motd = Files.writeString(dir.resolve("motd"), "Welcome to the test server.\nBe kind.\n");
        Process server = start(operators, motd, "1");
        try (ChatClient op = ChatClient.connect(address(server)); ChatClient troll = ChatClient.connect(address(server))) {
            op.awaitContaining("-- Welcome to the test server.");
            op.awaitContaining("-- Be kind.");
            op.send("/nick root");
            op.send("/register " + PASSWORD);
            op.awaitContaining("root is registered to you");
            op.send("/ban troll 1d spam");
            op.awaitContaining("banned troll until");
            troll.send("/nick troll");
            troll.awaitContaining("!! nick troll is banned until");
        } finally {
            stop(server);
        }
        assertThat(Files.readString(dir.resolve("stderr-1"))).contains("operators: root")
                .contains("ban troll by root@127.0.0.1:").doesNotContain(PASSWORD);

        server = start(operators, motd, "2");
        try (ChatClient op = ChatClient.connect(address(server))) {
            op.send("/identify root " + PASSWORD);
            op.awaitContaining("you are identified as root");
            op.send("/bans");
            op.awaitContaining("1 ban:");
            op.awaitContaining("troll until");
        } finally {
            stop(server);
        }
    }

    @Test
    void unreadableOrWrongFilesAreUsageErrors() throws IOException {
        StringWriter err = new StringWriter();
        var cl = Parley.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(cl.execute("server", "--port", "0", "--data", "none", "--operators", dir.resolve("nope").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--operators " + dir.resolve("nope") + " cannot be read (no such file)");
        Path bad = Files.writeString(dir.resolve("bad"), "root\nnot a nick\n");
        assertThat(cl.execute("server", "--port", "0", "--data", "none", "--operators", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--operators " + bad + " line 2: 'not a nick' is not a nick");
        Path longMotd = Files.writeString(dir.resolve("long"), "line\n".repeat(TrustOptions.MAX_MOTD_LINES + 1));
        assertThat(cl.execute("server", "--port", "0", "--data", "none", "--motd", longMotd.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("has 51 lines; at most 50 are sent");
    }

    private Process start(Path operators, Path motd, String run) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parley.class.getName(),
                "server", "--host", "127.0.0.1", "--port", "0", "--data", dir.resolve("data").toString(),
                "--operators", operators.toString(), "--motd", motd.toString())
                .redirectOutput(dir.resolve("stdout-" + run).toFile())
                .redirectError(dir.resolve("stderr-" + run).toFile())
                .start();
    }

    private InetSocketAddress address(Process server) {
        Path stdout = dir.resolve("stdout-" + (Files.exists(dir.resolve("stdout-2")) ? "2" : "1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !server.isAlive() || Files.readString(stdout).endsWith("\n"));
        Matcher m;
        try {
            m = LISTENING.matcher(Files.readString(stdout).strip());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(m.matches()).as("the listening line").isTrue();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
    }
}
