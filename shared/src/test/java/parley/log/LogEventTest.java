package parley.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogEventTest {

    @Test
    void theTemplateIsFilledWithTheFieldsAfterTheName() {
        LogEvent e = LogEvent.info("disconnect", "{address} {nick} ({reason})").address("address", "10.0.0.1:5")
                .nick("nick", "ada").text("reason", "quit: bye");
        assertThat(e.message(AddressPolicy.full())).isEqualTo("disconnect 10.0.0.1:5 ada (quit: bye)");
        assertThat(LogEvent.plain("status: 3 connections").message(AddressPolicy.full()))
                .isEqualTo("status: 3 connections");
    }

    @Test
    void longFreeTextIsCutWithAnEllipsisAndItsLength() {
        LogEvent e = LogEvent.info("disconnect", "{nick} ({reason})").nick("nick", "n".repeat(100))
                .text("reason", "quit: " + "x".repeat(4090));
        assertThat(e.message(AddressPolicy.full())).isEqualTo("disconnect " + "n".repeat(LogEvent.NICK_CHARS)
                + "… (100 chars) (quit: " + "x".repeat(LogEvent.TEXT_CHARS - 6) + "… (4096 chars))");
    }

    @Test
    void aPlainLineHasMoreRoomThanAClientsText() {
        String path = "history: /" + "d/".repeat(200) + "history.db";
        assertThat(LogEvent.plain(path).message(AddressPolicy.full())).isEqualTo(path);
        assertThat(LogEvent.plain("x".repeat(2000)).message(AddressPolicy.full()))
                .hasSize(LogEvent.PLAIN_CHARS + "… (2000 chars)".length());
    }

    @Test
    void controlCharactersCannotForgeALineAndACutNeverSplitsACharacter() {
        assertThat(LogEvent.bounded("bye\n2026-11-29 07:00:00.000 connect 1.2.3.4", 100))
                .doesNotContain("\n").startsWith("bye\uFFFD2026");
        String emoji = "a".repeat(9) + "😀"; // the emoji is two chars: 10th and 11th
        assertThat(LogEvent.bounded(emoji, 10)).isEqualTo("a".repeat(9) + "… (11 chars)");
        assertThat(LogEvent.bounded(null, 10)).isEqualTo("null");
    }

    @Test
    void anUnknownPlaceholderStaysAsItIs() {
        assertThat(LogEvent.info("x", "{missing} and {").message(AddressPolicy.full())).isEqualTo("x {missing} and {");
    }
}
