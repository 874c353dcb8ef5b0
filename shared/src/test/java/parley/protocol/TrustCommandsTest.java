package parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The grammar of the account and room commands, and that a password never shows in a command's text. */
class TrustCommandsTest {

    private static Command parse(String line) {
        return Command.parse(line).orElseThrow();
    }

    @Test
    void accountCommands() {
        assertThat(parse("/register s3cret-pw")).isEqualTo(new AccountCommand.Register("s3cret-pw"));
        assertThat(parse("/IDENTIFY s3cret-pw")).isEqualTo(new AccountCommand.Identify("", "s3cret-pw"));
        assertThat(parse("/identify ada s3cret-pw")).isEqualTo(new AccountCommand.Identify("ada", "s3cret-pw"));
        assertThat(parse("/drop s3cret-pw")).isEqualTo(new AccountCommand.Drop("s3cret-pw"));
        assertThat(parse("/register")).isEqualTo(new Command.Invalid("register",
                "usage: /register PASSWORD (one word, no spaces)"));
        assertThat(parse("/register two words")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("/identify a b c")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("/drop")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void aPasswordIsNeverInACommandsTextNorInAUsageError() {
        assertThat(parse("/register s3cret-pw").toString()).doesNotContain("s3cret-pw");
        assertThat(parse("/identify ada s3cret-pw").toString()).doesNotContain("s3cret-pw").contains("ada");
        assertThat(parse("/drop s3cret-pw").toString()).doesNotContain("s3cret-pw");
        assertThat(parse("/register s3cret pw").toString()).doesNotContain("s3cret");
    }

    @Test
    void roomCommands() {
        assertThat(parse("/kick bob")).isEqualTo(new RoomCommand.Kick("bob", ""));
        assertThat(parse("/kick bob go  away")).isEqualTo(new RoomCommand.Kick("bob", "go away"));
        assertThat(parse("/ban bob")).isEqualTo(new RoomCommand.Ban("bob", null, ""));
        assertThat(parse("/ban 10.0.0.0/8 2h flood")).isEqualTo(new RoomCommand.Ban("10.0.0.0/8", Duration.ofHours(2), "flood"));
        assertThat(parse("/ban bob 2 weeks")).isEqualTo(new RoomCommand.Ban("bob", null, "2 weeks"));
        assertThat(parse("/ban 2001:db8::/32 7d")).isEqualTo(new RoomCommand.Ban("2001:db8::/32", Duration.ofDays(7), ""));
        assertThat(parse("/unban bob")).isEqualTo(new RoomCommand.Unban("bob"));
        assertThat(parse("/bans")).isEqualTo(new RoomCommand.Bans());
        assertThat(parse("/mute bob 30s")).isEqualTo(new RoomCommand.Mute("bob", Duration.ofSeconds(30)));
        assertThat(parse("/mute bob")).isEqualTo(new RoomCommand.Mute("bob", null));
        assertThat(parse("/mute bob soon")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("/mute bob 0m")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("/unmute bob")).isEqualTo(new RoomCommand.Unmute("bob"));
        assertThat(parse("/topic")).isEqualTo(new RoomCommand.Topic(""));
        assertThat(parse("/topic release day")).isEqualTo(new RoomCommand.Topic("release day"));
        assertThat(parse("/away")).isEqualTo(new RoomCommand.Away(""));
        assertThat(parse("/away at lunch")).isEqualTo(new RoomCommand.Away("at lunch"));
        assertThat(parse("/kick")).isInstanceOf(Command.Invalid.class);
        assertThat(parse("/ban")).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void durations() {
        assertThat(RoomCommand.duration("10m")).contains(Duration.ofMinutes(10));
        assertThat(RoomCommand.duration("7d")).contains(Duration.ofDays(7));
        assertThat(RoomCommand.duration("10")).isEmpty();
        assertThat(RoomCommand.duration("9999999d")).isEmpty();
        assertThat(RoomCommand.duration("-1h")).isEmpty();
    }
}
