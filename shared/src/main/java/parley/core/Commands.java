package parley.core;

import java.util.Objects;
import parley.history.HistoryStore;
import parley.history.StoredLine;
import parley.protocol.AccountCommand;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.RoomCommand;

/**
 * Carries out the commands a session sends, one per line, always with the core's lock held: each command goes
 * to the part of the core that owns it ({@link ChatCore} for speaking, nicks and rooms; {@link Roster} for
 * {@code /who}; {@link HistoryReads} for {@code /history}; {@link Accounts} and {@link Moderation} for their
 * families of commands).
 */
final class Commands {

    private final ChatCore core;
    private final Roster roster;
    private final HistoryReads history;
    private final Accounts accounts;
    private final Moderation moderation;

    Commands(ChatCore core, Roster roster, HistoryReads history, Accounts accounts, Moderation moderation) {
        this.core = core;
        this.roster = roster;
        this.history = history;
        this.accounts = accounts;
        this.moderation = moderation;
    }

    /** Runs {@code command} of {@code s}'s; {@code recipient}: for a private message, who its nick named when read. */
    void run(Session s, Session recipient, Command command) {
        command.accept(new Run(s, recipient));
    }

    private final class Run implements Command.Visitor<Void> {
        private final Session s;
        private final Session recipient;

        Run(Session s, Session recipient) {
            this.s = s;
            this.recipient = recipient;
        }

        @Override
        public Void say(Command.Say c) {
            core.speak(s, StoredLine.Kind.MESSAGE, c.text());
            return null;
        }

        @Override
        public Void me(Command.Me c) {
            core.speak(s, StoredLine.Kind.ACTION, c.text());
            return null;
        }

        @Override
        public Void msg(Command.Msg c) {
            core.privateMessage(s, c.nick(), recipient, c.text());
            return null;
        }

        @Override
        public Void nick(Command.Nick c) {
            core.rename(s, Names.normalized(c.name()));
            return null;
        }

        @Override
        public Void join(Command.Join c) {
            core.changeRoom(s, Names.normalized(c.room()));
            return null;
        }

        @Override
        public Void who(Command.Who c) {
            for (ChatEvent answer : c.prefix().isEmpty() ? roster.page(s.room(), c.page())
                    : roster.startingWith(s.room(), c.prefix())) {
                core.send(s, answer);
                if (answer instanceof ChatEvent.Members listed) {
                    moderation.awayNote(s, listed.members().stream()
                            .map(m -> core.holder(Names.key(m.nick()))).filter(Objects::nonNull).toList());
                }
            }
            return null;
        }

        @Override
        public Void rooms(Command.Rooms c) {
            core.inform(s, core.roomList());
            return null;
        }

        @Override
        public Void stats(Command.Stats c) {
            core.stats().forEach(line -> core.inform(s, line));
            return null;
        }

        @Override
        public Void history(Command.History c) {
            history.fetch(s, s.room(), c.capped(HistoryStore.MAX_PAGE), false);
            return null;
        }

        @Override
        public Void help(Command.Help c) {
            String help = Command.HELP + AccountCommand.HELP + RoomCommand.HELP
                    + (moderation.isOperator(s) ? RoomCommand.OPERATOR_HELP : "");
            help.lines().forEach(helpLine -> core.inform(s, helpLine));
            return null;
        }

        @Override
        public Void account(AccountCommand c) {
            accounts.run(s, c);
            return null;
        }

        @Override
        public Void room(RoomCommand c) {
            moderation.run(s, c);
            return null;
        }

        @Override
        public Void quit(Command.Quit c) {
            core.disconnect(s, c.reason().isEmpty() ? "quit" : "quit: " + c.reason());
            s.out().closeAfterFlush("quit");
            return null;
        }

        @Override
        public Void unknown(Command.Unknown c) {
            core.refuse(s, c.reason());
            return null;
        }

        @Override
        public Void invalid(Command.Invalid c) {
            core.refuse(s, c.reason());
            return null;
        }
    }
}
