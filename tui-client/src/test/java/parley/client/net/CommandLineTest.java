package parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.core.ChatCore;
import parley.core.Outbound;
import parley.core.ServerLog;
import parley.core.Session;
import parley.protocol.ChatEvent;
import parley.protocol.EventKind;
import parley.protocol.MachineFormat;
import parley.protocol.TextSanitizer;
import parley.protocol.WireMode;

/** The client reads every line as the server's own {@link ChatCore} does: the same command, or none. */
class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "/quit", " /quit", "/quit ", "\t/quit", "/QUIT", "/Quit bye", "/quit\tbye", "/quit \t bye ", "  /quit\t",
        "\u3000/quit", "/quit\u0007", "/qu\u0007it", "/quit\u001B[31m red", "/quit\u000Bbye", "/quit\u3000bye",
        "/quitbye", "//quit", " //quit", "/ quit", "quit", "x /quit",
        "/clear", " /clear", "/CLEAR\tnow", "/bell\tall", " /ignore  bob ", "/help\t", "/unignore\tbob",
        "/me waves", "\t/me\twaves", "/ignore", "/bell", "/", " / ",
    })
    void agreesWithTheServer(String line) {
        Server server = new Server();
        server.receive(line);
        Optional<CommandLine> command = CommandLine.parse(line);

        assertThat(CommandLine.isQuit(line)).as("quit").isEqualTo(server.closed);
        if (server.unknownCommand().isPresent()) {
            assertThat(command).map(CommandLine::name).isEqualTo(server.unknownCommand());
        }
        if (server.said().isPresent()) {
            assertThat(command).as("a message, not a command").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/quit", " /quit", "\t/nick\tmallory", "/QUIT", "//already", "/", " / x", "\u0007/quit"})
    void aLiteralLineIsSaidAsItReadsNeverRun(String line) {
        Server server = new Server();
        server.receive(CommandLine.literal(line));

        assertThat(server.closed).isFalse();
        assertThat(server.said()).contains(TextSanitizer.clean(line).strip());   // as the server shows text
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", " hi there ", "a /quit", "\tindented"})
    void aLineThatIsNoCommandStaysAsItIs(String line) {
        assertThat(CommandLine.literal(line)).isSameAs(line);
    }

    /** A real core with one session in machine mode, recording what it sends back. */
    private static final class Server {
        private final ChatCore core = new ChatCore(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), ServerLog.silent());
        private final List<ChatEvent> events = new ArrayList<>();
        private final Session session;
        private boolean closed;

        Server() {
            session = core.connect("127.0.0.1:5000", new Outbound() {
                @Override
                public void send(ByteBuffer line) {
                    String text = StandardCharsets.UTF_8.decode(line.duplicate()).toString().strip();
                    if (text.indexOf('\t') >= 0) {
                        events.add(MachineFormat.parse(text));
                    }
                }

                @Override
                public void closeAfterFlush(String reason) {
                    closed = true;
                }
            });
            core.receive(session, WireMode.MACHINE_HELLO);
            events.clear();
        }

        void receive(String line) {
            core.receive(session, line);
        }

        /** "clear" for the server's "unknown command /clear; type /help for the list". */
        Optional<String> unknownCommand() {
            return events.stream().filter(e -> e.kind() == EventKind.ERROR && e.text().startsWith("unknown command /"))
                    .map(e -> e.text().substring("unknown command /".length(), e.text().indexOf("; type /help")))
                    .findFirst();
        }

        Optional<String> said() {
            return events.stream().filter(e -> e.kind() == EventKind.MESSAGE).map(ChatEvent::text).findFirst();
        }
    }
}
