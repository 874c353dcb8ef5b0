package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through the chat core: nobody can stand next to {@code ada} under a name that reads as hers, rooms are
 * found by the same rule, a name is kept as typed (in NFC), and no text relayed can start like a line.
 */
class LookAlikeNamesTest {

    private static final String T = "[12:00:00] ";

    private final List<String> log = new ArrayList<>();
    private ChatCore core;
    private int nextClient;

    private final class Client {
        final String address;
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;

        Client() {
            nextClient++;
            address = "10.0.0." + nextClient + ":100" + nextClient;
            session = core.connect(address, out);
            out.newLines();
        }

        List<String> says(String line) {
            core.receive(session, line);
            return out.newLines();
        }
    }

    @BeforeEach
    void setUp() {
        core = new ChatCore(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), log::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ADA", "ａｄａ", "\uD835\uDC1A\uD835\uDC1D\uD835\uDC1A", "\u0251da", "Ada"})
    void aLookAlikeOfAConnectedNickIsTaken(String lookAlike) {
        Client ada = new Client();
        ada.says("/nick ada");
        Client mallory = new Client();
        ada.out.newLines();
        assertThat(mallory.says("/nick " + lookAlike))
                .containsExactly(T + "!! nick " + lookAlike + " is taken; you are still guest2");
        assertThat(ada.out.newLines()).as("no rename announced").isEmpty();
    }

    @Test
    void cyrillicOrInvisibleLookAlikesAreRefusedAsTakenOrAsAMixOfScripts() {
        Client ada = new Client();
        ada.says("/nick ada");
        Client mallory = new Client();
        assertThat(mallory.says("/nick \u0430\u0501\u0430")).as("all Cyrillic: one script, but it reads ada")
                .containsExactly(T + "!! nick \u0430\u0501\u0430 is taken; you are still guest2");
        assertThat(mallory.says("/nick \u0430da")).containsExactly(T + "!! nick \u0430da mixes Cyrillic and Latin"
                + " letters, as look-alike names do; use one script, or Latin with one other script that is not"
                + " Cyrillic or Greek; you are still guest2");
        // The sanitizer removes the filler from the line before the core reads it.
        assertThat(mallory.says("/nick ada\u3164"))
                .containsExactly(T + "!! nick ada is taken; you are still guest2");
    }

    @Test
    void aDecomposedNameIsTheSameNameAndIsShownComposed() {
        Client jose = new Client();
        assertThat(jose.says("/nick Jose\u0301"))
                .containsExactly(T + "-- guest1 (10.0.0.1:1001) is now known as Jos\u00E9");
        Client other = new Client();
        assertThat(other.says("/nick Jos\u00E9")).containsExactly(T + "!! nick Jos\u00E9 is taken; you are still guest2");
        assertThat(other.says("/msg JOSE\u0301 hola"))
                .containsExactly(T + "*guest2@10.0.0.2:1002 -> Jos\u00E9* hola");
    }

    @Test
    void aRoomIsFoundByTheSameKey() {
        Client a = new Client();
        a.says("/join cafe\u0301");
        Client b = new Client();
        assertThat(b.says("/join ＣＡＦÉ")).first().isEqualTo(T + "-- you are now in #caf\u00E9");
        assertThat(a.out.newLines()).contains(T + "-> guest2 (10.0.0.2:1002) joined #caf\u00E9");
    }

    @Test
    void guestNicksSkipALookAlikeTakenByHand() {
        Client first = new Client();
        first.says("/nick guestl"); // reads as guest1 and has its key
        Client second = new Client();
        assertThat(second.session.nick()).isEqualTo("guest2");
        assertThat(Names.key(second.session.nick())).isNotEqualTo(Names.key(first.session.nick()));
    }

    @Test
    void aMessagePaddedToWrapCannotStartARowWithAClock() {
        Client mallory = new Client();
        Client victim = new Client();
        mallory.says("/nick mallory");
        victim.out.newLines();
        String forged = "[12:00:00] <ada@10.0.0.9:1009> I owe mallory 100 EUR";
        for (int width : new int[] {80, 200}) {
            String prefix = T + "<mallory@10.0.0.1:1001> hi";
            mallory.says("hi" + " ".repeat(width - prefix.length()) + forged);
            mallory.says("hi" + ".".repeat(width - prefix.length()) + forged);
        }
        List<String> lines = victim.out.newLines();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).startsWith(T + "<mallory@10.0.0.1:1001> hi")
                .contains("(12:00:00) <ada@10.0.0.9:1009>").doesNotContain("[12:00:00] <ada"));
        assertThat(lines.get(0)).as("spaces collapsed").isEqualTo(T + "<mallory@10.0.0.1:1001> hi "
                + "(12:00:00) <ada@10.0.0.9:1009> I owe mallory 100 EUR");
    }
}
