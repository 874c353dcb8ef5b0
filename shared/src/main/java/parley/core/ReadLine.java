package parley.core;

import java.util.Optional;
import parley.protocol.Command;

/**
 * A line as it was when the server read it, made by {@link ChatCore#read} and handed back to
 * {@link ChatCore#receive(Session, ReadLine)} once flood control lets it through: its command, parsed (outside
 * the core's lock), and for a private message the session its nick named at that moment. A message waits
 * behind its sender's rate limit bound to that session, so it can never reach someone who takes the nick
 * meanwhile.
 */
public final class ReadLine {

    private final String raw;
    private final Optional<Command> command;
    private final Session recipient;

    ReadLine(String raw, Optional<Command> command, Session recipient) {
        this.raw = raw;
        this.command = command;
        this.recipient = recipient;
    }

    String raw() {
        return raw;
    }

    Optional<Command> command() {
        return command;
    }

    /** Who a private message goes to, bound when it was read; null when nobody had the nick then. */
    Session recipient() {
        return recipient;
    }
}
