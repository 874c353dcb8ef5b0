package parley.client.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bytes a UTF-8 terminal gets for a cell. The terminal itself needs a tty to open; ClientInTmuxTest (in app)
 * runs it in tmux and reads the emoji back from the screen.
 */
class WholeCharacterTerminalTest {

    @Test
    void anEmojiGoesOutAsOneFourByteCharacterNotTwoQuestionMarks() {
        assertThat(WholeCharacterTerminal.utf8Printable("🎉")).containsExactly(0xF0, 0x9F, 0x8E, 0x89);
        assertThat(WholeCharacterTerminal.utf8Printable("👍🏽")).isEqualTo("👍🏽".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBmpEmojiGoesOutWithItsPresentationSelector() {
        // view.Glyphs draws ☕ as "☕" + U+FE0F so that Lanterna counts the two columns the terminal draws.
        assertThat(WholeCharacterTerminal.utf8Printable("☕\uFE0F")).containsExactly(0xE2, 0x98, 0x95, 0xEF, 0xB8, 0x8F);
    }

    @Test
    void twoByteCharactersAreNotFollowedByANul() {
        // Lanterna's per-character path sends "é" as c3 a9 00: the encoder's whole buffer.
        assertThat(WholeCharacterTerminal.utf8Printable("é")).containsExactly(0xC3, 0xA9);
        assertThat(WholeCharacterTerminal.utf8Printable("你")).containsExactly(0xE4, 0xBD, 0xA0);
    }

    @Test
    void controlCharactersAreDroppedAndALoneSurrogateIsAQuestionMarkAsInLanterna() {
        assertThat(WholeCharacterTerminal.utf8Printable("a\u001B[2Jb\u0007c\u007F")).isEqualTo(
                "a[2Jbc".getBytes(StandardCharsets.US_ASCII));
        assertThat(WholeCharacterTerminal.utf8Printable("x\uD83Cy")).isEqualTo("x?y".getBytes(StandardCharsets.US_ASCII));
    }
}
