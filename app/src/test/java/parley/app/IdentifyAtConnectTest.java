package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import parley.conformance.ChatClient;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;
import picocli.CommandLine;

/**
 * {@code parley client --nick ada --password-file FILE} (or {@code PARLEY_PASSWORD}) in a real terminal: the
 * client identifies as it connects and so takes its registered nick back from whoever holds it, in line mode
 * and full screen; the password never reaches the screen or the command line.
 */
@Timeout(120)
class IdentifyAtConnectTest {

    private static final String PASSWORD = "tr0ub4dor-and-3";
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private RunningServer server;
    private Tmux tmux;

    @BeforeEach
    void startServer() throws IOException {
        server = Backends.discover().find("selector").orElseThrow().start(ServerSettings.forTests(),
                new ChatCore(Clock.systemDefaultZone(), ServerLog.silent()));
    }

    @AfterEach
    void stop() {
        if (tmux != null) {
            tmux.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Registers ada and keeps holding the nick, so the client has to take it back. */
    private ChatClient adaRegisteredAndHeld() throws IOException {
        ChatClient holder = ChatClient.connect(server.address());
        holder.send("/nick ada");
        holder.awaitContaining("is now known as ada");
        holder.send("/register " + PASSWORD);
        holder.awaitContaining("ada is registered to you");
        return holder;
    }

    @Test
    void theLineModeClientIdentifiesWithThePasswordFile() throws IOException {
        assumeTrue(Tmux.installed(), "tmux is not installed (.ci/run installs it)");
        try (ChatClient holder = adaRegisteredAndHeld()) {
            Path file = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
            tmux = Tmux.start(dir, 100, 30, "sh " + script("", "--plain --password-file " + file));
            awaitScreen(s -> assertThat(s).anyMatch(row -> row.contains("-- you are identified as ada")));
            holder.awaitContaining("ada was claimed by its owner; you are now guest");
            assertThat(tmux.screen()).noneMatch(row -> row.contains(PASSWORD));
        }
    }

    @Test
    void theFullScreenClientIdentifiesWithTheEnvironmentVariable() throws IOException {
        assumeTrue(Tmux.installed(), "tmux is not installed (.ci/run installs it)");
        try (ChatClient holder = adaRegisteredAndHeld()) {
            tmux = Tmux.start(dir, 100, 30, "sh " + script("PARLEY_PASSWORD=" + PASSWORD, ""));
            awaitScreen(s -> {
                assertThat(s).anyMatch(row -> row.contains("you are identified as ada"));
                assertThat(s.get(28)).startsWith(" [connected] ada #lobby");
            });
            holder.awaitContaining("ada was claimed by its owner");
            assertThat(tmux.screen()).noneMatch(row -> row.contains(PASSWORD));
        }
    }

    @Test
    void passwordMistakesAreUsageErrors() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cl = Parley.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(cl.execute("client", "--port", "7000", "--nick", "ada", "--password-file",
                dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--password-file " + dir.resolve("missing") + " cannot be read (no such file)");
        Path file = Files.writeString(dir.resolve("spaced"), "two words\n");
        assertThat(cl.execute("client", "--port", "7000", "--nick", "ada", "--password-file", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("a password is one word, without spaces").doesNotContain("two words");
        assertThat(cl.execute("client", "--port", "7000", "--password-file", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("needs --nick");

        ClientOptions options = new ClientOptions();
        options.nick = "ada";
        assertThat(options.password(cl, Map.of(ClientOptions.PASSWORD_VARIABLE, PASSWORD))).contains(PASSWORD);
        assertThat(options.password(cl, Map.of())).isEmpty();
    }

    /** The client in the pane, with {@code env} before it and {@code options} after {@code --nick ada}. */
    private Path script(String env, String options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String client = String.join(" ", "'" + java + "'", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", "'" + System.getProperty("java.class.path") + "'", Parley.class.getName(),
                "client", "--host", "127.0.0.1", "--port", String.valueOf(server.address().getPort()), "--nick", "ada",
                options);
        return Files.writeString(dir.resolve("client.sh"), String.join("\n",
                "TERM=xterm-256color LANG=C.UTF-8 " + env + " " + client,
                "exec sleep 600",
                ""));
    }

    private void awaitScreen(Consumer<List<String>> expectation) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> expectation.accept(tmux.screen()));
    }
}
