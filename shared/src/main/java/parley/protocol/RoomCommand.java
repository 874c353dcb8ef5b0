package parley.protocol;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands that act on other people or on a room: the operators' {@code /kick}, {@code /ban},
 * {@code /unban}, {@code /bans}, {@code /mute}, {@code /unmute}, and everyone's {@code /topic} and {@code /away}.
 */
public sealed interface RoomCommand extends Command {

    /** What {@code /help} says about the commands everyone may use. */
    String HELP = """
              /topic [TEXT]     the room's topic; operators set it with TEXT (- clears it)
              /away [MESSAGE]   say you are away (shown in /who, answered to /msg); /away alone: back
            """;

    /** What {@code /help} adds for an operator. */
    String OPERATOR_HELP = """
            Operator commands (DURATION: 30s, 10m, 2h, 7d; none for ever):
              /kick NICK [REASON]                      disconnect NICK
              /ban NICK|ADDRESS|CIDR [DURATION] [REASON] refuse a nick or addresses, and kick who matches
              /unban NICK|ADDRESS|CIDR                  lift a ban
              /bans                                     list the bans in force
              /mute NICK [DURATION]                     NICK may read but not speak
              /unmute NICK                              lift a mute
            """;

    @Override
    default <R> R accept(Command.Visitor<R> v) {
        return v.room(this);
    }

    <R> R accept(Visitor<R> v);

    /** One method per command of this family. */
    interface Visitor<R> {
        R kick(Kick c);

        R ban(Ban c);

        R unban(Unban c);

        R bans(Bans c);

        R mute(Mute c);

        R unmute(Unmute c);

        R topic(Topic c);

        R away(Away c);
    }

    static Command parse(String name, String arg) {
        String first = arg.isEmpty() ? "" : arg.split(" ", 2)[0];
        String rest = arg.length() > first.length() ? arg.substring(first.length()).strip() : "";
        return switch (name) {
            case "kick" -> first.isEmpty() ? new Command.Invalid(name, "usage: /kick NICK [REASON]")
                    : new Kick(first, rest);
            case "ban" -> first.isEmpty() ? new Command.Invalid(name, "usage: /ban NICK|ADDRESS|CIDR [DURATION] [REASON]")
                    : ban(first, rest);
            case "unban" -> first.isEmpty() || !rest.isEmpty()
                    ? new Command.Invalid(name, "usage: /unban NICK|ADDRESS|CIDR") : new Unban(first);
            case "bans" -> new Bans();
            case "mute" -> mute(first, rest);
            case "unmute" -> first.isEmpty() || !rest.isEmpty()
                    ? new Command.Invalid(name, "usage: /unmute NICK") : new Unmute(first);
            case "topic" -> new Topic(arg);
            case "away" -> new Away(arg);
            default -> throw new IllegalArgumentException("not a room command: " + name);
        };
    }

    private static Command ban(String target, String rest) {
        String word = rest.isEmpty() ? "" : rest.split(" ", 2)[0];
        Optional<Duration> duration = duration(word);
        return duration.isPresent() ? new Ban(target, duration.get(), rest.substring(word.length()).strip())
                : new Ban(target, null, rest);
    }

    private static Command mute(String nick, String rest) {
        if (nick.isEmpty() || rest.contains(" ")) {
            return new Command.Invalid("mute", "usage: /mute NICK [DURATION], a duration such as 10m");
        }
        if (rest.isEmpty()) {
            return new Mute(nick, null);
        }
        return duration(rest).<Command>map(d -> new Mute(nick, d))
                .orElseGet(() -> new Command.Invalid("mute", "usage: /mute NICK [DURATION], a duration such as 10m"));
    }

    /** {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}: a positive whole number and a unit. */
    static Optional<Duration> duration(String word) {
        Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(word);
        if (!m.matches() || m.group(1).length() > 6) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** {@code /kick NICK [REASON]}; {@code reason} empty when none was given. */
    record Kick(String nick, String reason) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.kick(this);
        }
    }

    /**
     * {@code /ban TARGET [DURATION] [REASON]}: a nick, an address or a CIDR range.
     *
     * @param duration how long; null for ever
     */
    record Ban(String target, Duration duration, String reason) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.ban(this);
        }
    }

    /** {@code /unban TARGET}. */
    record Unban(String target) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.unban(this);
        }
    }

    /** {@code /bans}. */
    record Bans() implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.bans(this);
        }
    }

    /** {@code /mute NICK [DURATION]}; {@code duration} null for until unmuted. */
    record Mute(String nick, Duration duration) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.mute(this);
        }
    }

    /** {@code /unmute NICK}. */
    record Unmute(String nick) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.unmute(this);
        }
    }

    /** {@code /topic} (empty: show it) or {@code /topic TEXT} (set it; {@code -} clears it). */
    record Topic(String text) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.topic(this);
        }
    }

    /** {@code /away MESSAGE}, or {@code /away} (empty: back). */
    record Away(String message) implements RoomCommand {
        public <R> R accept(Visitor<R> v) {
            return v.away(this);
        }
    }
}
