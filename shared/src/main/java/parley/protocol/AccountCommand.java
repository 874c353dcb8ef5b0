package parley.protocol;

/**
 * The commands about registered nicks. A password is a single word (no spaces) and never appears in a record's
 * {@code toString}, so no log line or assertion message can show it.
 */
public sealed interface AccountCommand extends Command {

    /** What {@code /help} says about these commands. */
    String HELP = """
              /register PASSWORD       register your nick: nobody else can use it without the password
              /identify PASSWORD       prove the nick you hold is yours
              /identify NICK PASSWORD  take NICK, registered to you, from wherever it is
              /drop PASSWORD           unregister your nick
            """;

    @Override
    default <R> R accept(Command.Visitor<R> v) {
        return v.account(this);
    }

    <R> R accept(Visitor<R> v);

    /** One method per command of this family. */
    interface Visitor<R> {
        R register(Register c);

        R identify(Identify c);

        R drop(Drop c);
    }

    static Command parse(String name, String arg) {
        String[] words = arg.isEmpty() ? new String[0] : arg.split(" +");
        return switch (name) {
            case "register" -> words.length == 1 ? new Register(words[0])
                    : new Command.Invalid(name, "usage: /register PASSWORD (one word, no spaces)");
            case "identify" -> words.length == 1 ? new Identify("", words[0])
                    : words.length == 2 ? new Identify(words[0], words[1])
                    : new Command.Invalid(name, "usage: /identify PASSWORD, or /identify NICK PASSWORD");
            case "drop" -> words.length == 1 ? new Drop(words[0]) : new Command.Invalid(name, "usage: /drop PASSWORD");
            default -> throw new IllegalArgumentException("not an account command: " + name);
        };
    }

    /** {@code /register PASSWORD}: registers the nick its sender holds. */
    record Register(String password) implements AccountCommand {
        public <R> R accept(Visitor<R> v) {
            return v.register(this);
        }

        @Override
        public String toString() {
            return "Register[password hidden]";
        }
    }

    /** {@code /identify PASSWORD} ({@code nick} empty: the nick held now) or {@code /identify NICK PASSWORD}. */
    record Identify(String nick, String password) implements AccountCommand {
        public <R> R accept(Visitor<R> v) {
            return v.identify(this);
        }

        @Override
        public String toString() {
            return "Identify[" + nick + ", password hidden]";
        }
    }

    /** {@code /drop PASSWORD}: unregisters the nick its sender holds. */
    record Drop(String password) implements AccountCommand {
        public <R> R accept(Visitor<R> v) {
            return v.drop(this);
        }

        @Override
        public String toString() {
            return "Drop[password hidden]";
        }
    }
}
