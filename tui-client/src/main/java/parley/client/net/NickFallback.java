package parley.client.net;

import java.time.Instant;
import java.util.Optional;
import parley.core.Names;
import parley.protocol.ChatEvent;

/**
 * The nicks tried, irssi-style, when the one the person wants is taken as the link asks for it (on connecting, or
 * after a reconnect while the server still holds the old connection): {@code mei}, then {@code mei_}, then
 * {@code mei__}, then the guest name is kept and the person is told. On the link's reader thread only.
 */
final class NickFallback {

    /** How many nicks are tried in all: the wanted one and two with underscores. */
    static final int TRIES = 3;

    private String wanted;
    private int tried;

    /** The link asks for {@code nick} now. */
    void start(String nick) {
        wanted = nick;
        tried = 1;
    }

    /** Whether {@code nick} is one of the fallbacks (not the nick the person wants). */
    boolean isFallback(String nick) {
        return wanted != null && !Names.key(nick).equals(Names.key(wanted)) && fallbacks(nick);
    }

    /**
     * Reads a server event while a fallback may be under way. A refusal of the nick last asked for becomes the
     * next {@code /nick} to send ({@code next}) and a notice to show instead of the refusal; anything else is
     * shown as it is.
     */
    Outcome read(ChatEvent e, String currentNick) {
        if (wanted == null || !(e instanceof ChatEvent.Error error)) {
            return new Outcome(e, Optional.empty());
        }
        String asked = candidate(tried - 1);
        if (!error.text().startsWith("nick " + asked + " is taken")) {
            return new Outcome(e, Optional.empty());
        }
        Instant at = error.time();
        if (tried >= TRIES) {
            String tries = String.join(", ", candidate(0), candidate(1)) + " and " + candidate(2);
            wanted = null;
            return new Outcome(new ChatEvent.Error(error.room(), at, "nicks " + tries + " are all taken; you are "
                    + currentNick + " (/nick NAME to choose another)"), Optional.empty());
        }
        String next = candidate(tried++);
        return new Outcome(new ChatEvent.Info(error.room(), at, "nick " + asked + " is taken; trying " + next),
                Optional.of("/nick " + next));
    }

    /** The link was told our nick changed: a fallback is over once any nick is ours. */
    void settled() {
        wanted = null;
    }

    /** What to show, and the line to send, if any. */
    record Outcome(ChatEvent shown, Optional<String> send) {
    }

    private boolean fallbacks(String nick) {
        for (int i = 1; i < TRIES; i++) {
            if (Names.key(candidate(i)).equals(Names.key(nick))) {
                return true;
            }
        }
        return false;
    }

    private String candidate(int index) {
        return wanted + "_".repeat(index);
    }
}
