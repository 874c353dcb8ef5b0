package parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

/**
 * {@code parley client} in a real terminal: tmux runs it in a 100 x 30 pane, keys go in with {@code send-keys},
 * the screen comes back with {@code capture-pane}, as a person would see it. A second client on a plain socket
 * talks to it through an in-process server. Skipped only where tmux is missing ({@code .ci/run} installs it).
 *
 * <pre>
 *  test --send-keys--> tmux pane: sh -> java parley.app.Parley client --nick alice --+
 *       <-capture-pane--'                                                             +--> server (in-process)
 *  test --ChatClient (bob) ----------------------------------------------------------+
 * </pre>
 */
@Timeout(90)
class ClientInTmuxTest {

    private static final int COLUMNS = 100;
    private static final int ROWS = 30;
    private static final int STATUS_ROW = ROWS - 2;
    private static final int INPUT_ROW = ROWS - 1;
    /** Generous: the first screen waits for a JVM to start on a busy 2-core machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A line's head by default: the time to the second and the sender's address, padded to the column. */
    private static final String HEAD = "\\d\\d:\\d\\d:\\d\\d 127\\.0\\.0\\.1:\\d+ +";

    @TempDir
    Path dir;

    private RunningServer server;
    private Tmux tmux;

    @BeforeEach
    void startServer() throws IOException {
        assumeTrue(Tmux.installed(), "tmux is not installed (.ci/run installs it)");
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

    @Test
    void chatsRenamesSeesOthersAndLeavesTheTerminalAsItWas() throws IOException {
        tmux = Tmux.start(dir, COLUMNS, ROWS, "sh " + clientScript("alice"));
        awaitScreen(s -> {
            assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice #lobby (1) | 127.0.0.1:");
            assertThat(s.get(INPUT_ROW)).isEqualTo(">");
        });
        assertThat(tmux.format("#{alternate_on} #{mouse_any_flag}"))
                .as("the client draws on the alternate screen and asks for mouse clicks").isEqualTo("1 1");

        tmux.type("hello from a real terminal");
        tmux.press("Enter");
        awaitScreen(s -> {
            assertThat(s).anyMatch(row -> row.matches(HEAD + "<alice> hello from a real terminal"));
            assertThat(s.get(INPUT_ROW)).as("the input line is emptied").isEqualTo(">");
        });

        tmux.type("/nick alicia");
        tmux.press("Enter");
        awaitScreen(s -> {
            assertThat(s).anyMatch(row -> row.matches(HEAD + "-- alice is now known as alicia"));
            assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alicia #lobby (1) | ");
        });

        try (ChatClient bob = ChatClient.connect(server.address())) {
            bob.send("/nick bob");
            bob.awaitContaining("is now known as bob");
            bob.send("你好, alicia");
            awaitScreen(s -> {
                assertThat(s).anyMatch(row -> row.matches(HEAD + "<bob> 你好, alicia"));
                assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alicia #lobby (2) | ");
            });

            // Emoji reach the terminal whole and two columns wide: the text after them stays where the client
            // put it, through a scroll (cells redrawn in place) and an edit (one cell erased by its column).
            bob.send("party 🎉 time, 你好 end");
            awaitScreen(s -> assertThat(s).anyMatch(row -> row.matches(HEAD + "<bob> party 🎉 time, 你好 end")));
            bob.send("and one more");
            awaitScreen(s -> assertThat(s.subList(STATUS_ROW - 2, STATUS_ROW)).satisfiesExactly(
                    row -> assertThat(row).matches(HEAD + "<bob> party 🎉 time, 你好 end"),
                    row -> assertThat(row).matches(HEAD + "<bob> and one more")));
            tmux.type("🎉 end");
            awaitScreen(s -> assertThat(s.get(INPUT_ROW)).isEqualTo("> 🎉 end"));
            awaitCursorColumn(8);
            tmux.press("BSpace");
            awaitScreen(s -> assertThat(s.get(INPUT_ROW)).isEqualTo("> 🎉 en"));
            awaitCursorColumn(7);
            tmux.press("C-u");
            awaitScreen(s -> assertThat(s.get(INPUT_ROW)).isEqualTo(">"));

            // Typing wide characters while bob's lines keep arriving: every redraw of the message pane must
            // leave the half-typed line, and the cursor after its last two-column character, where they were.
            String typed = "你好🎉世界";
            int at = 0;
            for (int i = 0; at < typed.length(); i++) {
                int cp = typed.codePointAt(at);
                tmux.type(new String(Character.toChars(cp)));
                at += Character.charCount(cp);
                bob.send("tick " + i + " 漢字");
            }
            int ticks = typed.codePointCount(0, typed.length());
            awaitScreen(s -> {
                assertThat(s.get(INPUT_ROW)).isEqualTo("> " + typed);
                assertThat(s.subList(STATUS_ROW - ticks, STATUS_ROW)).allSatisfy(row -> assertThat(row)
                        .matches(HEAD + "<bob> tick \\d 漢字"));
                assertThat(s.subList(STATUS_ROW - ticks, STATUS_ROW)).extracting(row -> row.replaceAll(".*tick ", ""))
                        .containsExactly("0 漢字", "1 漢字", "2 漢字", "3 漢字", "4 漢字");
            });
            awaitCursorColumn(2 + 2 * ticks);
            tmux.press("Enter");
            assertThat(bob.awaitContaining("<alicia@")).endsWith("> " + typed);
            awaitScreen(s -> {
                assertThat(s.get(STATUS_ROW - 1)).matches(HEAD + "<alicia> " + typed);
                assertThat(s.get(INPUT_ROW)).isEqualTo(">");
            });

            tmux.type("/quit");
            tmux.press("Enter");
            bob.awaitContaining("<- alicia (");    // the goodbye reaches the room
        }

        awaitScreen(s -> assertThat(s).contains("CLIENT-EXITED-0"));
        List<String> after = tmux.screen();
        assertThat(after).as("the normal screen is back, the client's is gone")
                .contains("TTY-RESTORED")
                .noneMatch(row -> row.contains("[connected]") || row.contains("<bob>") || row.startsWith(">"));
        assertThat(tmux.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}"))
                .as("normal screen, cursor shown, no mouse reporting").isEqualTo("0 1 0");
    }

    @Test
    void aPasteOfSeveralLinesAsksOnceAndNothingTypedAfterIsEaten() throws IOException {
        tmux = Tmux.start(dir, COLUMNS, ROWS, "sh " + clientScript("alice"));
        awaitScreen(s -> assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice #lobby (1)"));
        try (ChatClient bob = ChatClient.connect(server.address())) {
            bob.send("/nick bob");
            bob.awaitContaining("is now known as bob");

            tmux.paste("first pasted line\n/nick mallory\nthird pasted line\n");
            awaitScreen(s -> assertThat(s.get(STATUS_ROW - 1)).startsWith("Send 3 pasted lines? Enter sends"));
            tmux.type("oh hey");
            awaitScreen(s -> assertThat(s.get(INPUT_ROW)).isEqualTo("> oh hey"));

            tmux.press("Enter");
            bob.awaitContaining("> first pasted line");      // bob reads text mode: <alice@ip:port> text
            bob.awaitContaining("> /nick mallory");          // said, not run
            bob.awaitContaining("> third pasted line");
            awaitScreen(s -> {
                assertThat(s).anyMatch(row -> row.matches(HEAD + "<alice> third pasted line"));
                assertThat(s.get(INPUT_ROW)).as("what was typed during the question is kept").isEqualTo("> oh hey");
                assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice #lobby (2)");
            });
        }
    }

    @Test
    void windowsPerConversationWithActivityReadMarkerNickListAndALogOnDisk() throws IOException {
        int wide = 130;
        tmux = Tmux.start(dir, wide, ROWS, "sh " + clientScript("alice"));
        awaitScreen(s -> {
            assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice #lobby (1) | 127.0.0.1:");
            assertThat(s.get(0)).endsWith("│ alice");
        });
        try (ChatClient bob = ChatClient.connect(server.address())) {
            bob.send("/nick bob");
            awaitScreen(s -> assertThat(s.subList(0, 2)).satisfiesExactly(
                    row -> assertThat(row).endsWith("│ alice"), row -> assertThat(row).endsWith("│ bob")));

            bob.send("/msg alice psst, a word in private");
            awaitScreen(s -> assertThat(s.get(STATUS_ROW)).contains(" | win 1/2 | act 2:bob(1) | "));
            tmux.press("M-2");
            awaitScreen(s -> {
                assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice query bob | win 2/2 | 127.0.0.1:");
                assertThat(s).anyMatch(row -> row.matches(HEAD + "\\*bob -> alice\\* psst, a word in private"));
                assertThat(s.get(0)).as("no nick list in a private window").doesNotContain("│");
            });
            tmux.type("hi bob");
            tmux.press("Enter");
            bob.awaitContaining("-> bob* hi bob");

            bob.send("alice: back in the lobby?");
            awaitScreen(s -> assertThat(s.get(STATUS_ROW)).contains(" | act 1:#lobby(1) | "));
            tmux.press("M-Left");
            awaitScreen(s -> {
                assertThat(s.get(STATUS_ROW)).startsWith(" [connected] alice #lobby (2) | win 1/2 | 127.0.0.1:");
                int marker = java.util.stream.IntStream.range(0, s.size())
                        .filter(r -> s.get(r).startsWith("--- new --- ")).findFirst().orElse(-1);
                assertThat(marker).as("the read marker").isPositive();
                assertThat(s.get(marker + 1)).matches(HEAD + "<bob> alice: back in the lobby\\? +│.*");
            });
        }
        Path logs = dir.resolve("logs").resolve("127.0.0.1_" + server.address().getPort());
        await().atMost(PATIENCE).untilAsserted(() -> {
            try (var files = Files.list(logs)) {
                Path bobs = files.filter(f -> f.getFileName().toString().startsWith("bob.")).findFirst().orElseThrow();
                assertThat(Files.readString(bobs)).contains("*bob -> alice* psst, a word in private",
                        "*alice -> bob* hi bob");
            }
        });
    }

    /**
     * A shell script that runs the client in the pane and then says how it ended: the exit code, and whether the
     * terminal's line settings ({@code stty -g}: echo, canonical mode) are what they were before.
     */
    private Path clientScript(String nick) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String client = String.join(" ", quote(java), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", quote(System.getProperty("java.class.path")), Parley.class.getName(),
                "client", "--host", "127.0.0.1", "--port", String.valueOf(server.address().getPort()), "--nick", nick,
                "--log-dir", quote(dir.resolve("logs").toString()));
        return Files.writeString(dir.resolve("client.sh"), String.join("\n",
                "before=$(stty -g)",
                "TERM=xterm-256color LANG=C.UTF-8 " + client,
                "code=$?",
                "[ \"$(stty -g)\" = \"$before\" ] && echo TTY-RESTORED",
                "echo CLIENT-EXITED-$code",
                "exec sleep 600",       // keeps the pane, and the screen left behind, until tmux is killed
                ""));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Waits until the screen meets {@code expectation}. Always wait, never read once: the client writes a screen
     * in several small pieces, and a capture may fall between two of them.
     */
    private void awaitScreen(Consumer<List<String>> expectation) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> expectation.accept(tmux.screen()));
    }

    private void awaitCursorColumn(int column) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(tmux.format("#{cursor_x}")).isEqualTo(String.valueOf(column)));
    }
}
