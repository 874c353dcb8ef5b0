package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar of typed lines; the core's tests show what the server does with each command. */
class CommandTest {

    private static Command parsed(String line) {
        return Command.parse(line).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/quit", " /quit", "/quit ", "\t/quit", "/QUIT", "/Quit bye", "/quit\tbye", "/quit \t bye ", "  /quit\t",
        "\u3000/quit", "/quit\u0007", "/qu\u0007it",
    })
    void aQuitIsAQuitHoweverItIsSpacedCasedOrSprinkledWithControls(String line) {
        assertThat(parsed(line)).isInstanceOf(Command.Quit.class);
        assertThat(Command.isQuit(line)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/quit bye|bye", "/quit\tbye|bye", "/quit \t bye |bye", "/quit|''",
    })
    void theQuitReasonIsTheRestStrippedAndCleaned(String line, String reason) {
        assertThat(parsed(line)).isEqualTo(new Command.Quit(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/quitbye", "/quit\u3000bye", "/quit\u000Bbye", "/ quit", "/"})
    void onlyASpaceEndsTheCommandsName(String line) {
        assertThat(parsed(line)).isInstanceOf(Command.Unknown.class);
        assertThat(Command.isQuit(line)).isFalse();
    }

    @Test
    void anUnknownCommandKeepsItsLowerCaseNameAndArgumentAndSaysHowToFindTheList() {
        assertThat(parsed("/CLEAR\tnow")).isEqualTo(new Command.Unknown("clear", "now"));
        assertThat(parsed(" /ignore  bob ")).isEqualTo(new Command.Unknown("ignore", "bob"));
        assertThat(parsed("/")).isEqualTo(new Command.Unknown("", ""));
        assertThat(new Command.Unknown("frobnicate", "").reason())
                .isEqualTo("unknown command /frobnicate; type /help for the list");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello|hello", " hi there |hi there", "//quit|/quit", " //quit|/quit", "x /quit|x /quit", "quit|quit",
        "a\tb|a b",
    })
    void aLineNotStartingWithOneSlashIsTextToSayCleanedAndStripped(String line, String text) {
        assertThat(parsed(line)).isEqualTo(new Command.Say(text));
    }

    @Test
    void escapeSequencesAreCleanedOutBeforeTheLineIsRead() {
        assertThat(parsed("\u001b[31mred")).isEqualTo(new Command.Say("red"));
        assertThat(parsed("/quit\u001B[31m red")).isEqualTo(new Command.Quit("red"));
        assertThat(parsed("\u001B[31m/quit")).isEqualTo(new Command.Quit(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "\u001b[2J\u001b[H", "\u0007"})
    void aLineEmptyOnceCleanedIsNoCommandAtAll(String line) {
        assertThat(Command.parse(line)).isEmpty();
    }

    @Test
    void eachCommandCarriesItsArguments() {
        assertThat(parsed("/me waves")).isEqualTo(new Command.Me("waves"));
        assertThat(parsed("\t/me\twaves")).isEqualTo(new Command.Me("waves"));
        assertThat(parsed("/msg bob  hi there ")).isEqualTo(new Command.Msg("bob", "hi there"));
        assertThat(parsed("/nick 张伟")).isEqualTo(new Command.Nick("张伟"));
        assertThat(parsed("/nick two words")).isEqualTo(new Command.Nick("two words"));
        assertThat(parsed("/join #Dev")).isEqualTo(new Command.Join("Dev"));
        assertThat(parsed("/JOIN dev")).isEqualTo(new Command.Join("dev"));
        assertThat(parsed("/who")).isEqualTo(new Command.Who());
        assertThat(parsed("/who")).isEqualTo(new Command.Who(1, ""));
        assertThat(parsed("/who 3")).isEqualTo(new Command.Who(3, ""));
        assertThat(parsed("/WHO  ali ")).isEqualTo(new Command.Who(1, "ali"));
        assertThat(parsed("/who 3x")).isEqualTo(new Command.Who(1, "3x"));
        assertThat(parsed("/rooms")).isEqualTo(new Command.Rooms());
        assertThat(parsed("/stats")).isEqualTo(new Command.Stats());
        assertThat(parsed("/help\t")).isEqualTo(new Command.Help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/me|me|usage: /me TEXT", "/msg|msg|usage: /msg NICK TEXT", "/msg bob|msg|usage: /msg NICK TEXT",
        "/msg bob   |msg|usage: /msg NICK TEXT", "/nick|nick|usage: /nick NAME", "/join|join|usage: /join ROOM",
        "/who 0|who|usage: /who [PAGE or PREFIX]; pages count from 1",
        "/who 9999999999|who|usage: /who [PAGE or PREFIX]; pages count from 1",
    })
    void aCommandMissingWhatItNeedsIsInvalidWithItsUsage(String line, String name, String usage) {
        assertThat(parsed(line)).isEqualTo(new Command.Invalid(name, usage));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/quit", " /quit", "\t/nick\tmallory", "/QUIT", "//already", "/", " / x", "\u0007/quit"})
    void aLiteralLineIsSaidAsItReadsNeverRun(String line) {
        assertThat(Command.parse(Command.literal(line)))
                .isEqualTo(Optional.of(new Command.Say(TextSanitizer.clean(line).strip())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", " hi there ", "a /quit", "\tindented"})
    void aLineThatIsNoCommandStaysAsItIs(String line) {
        assertThat(Command.literal(line)).isSameAs(line);
    }
}
