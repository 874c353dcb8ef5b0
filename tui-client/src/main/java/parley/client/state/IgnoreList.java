package parley.client.state;

import java.util.Set;
import java.util.TreeSet;
import parley.core.Names;

/** Nicks whose messages you do not want to see, compared ignoring case as the server compares nicks. */
public final class IgnoreList {

    private final Set<String> keys = new TreeSet<>();

    /** Returns false when already ignored. */
    public boolean add(String nick) {
        return keys.add(Names.key(nick));
    }

    public boolean remove(String nick) {
        return keys.remove(Names.key(nick));
    }

    public boolean ignores(String nick) {
        return !nick.isEmpty() && keys.contains(Names.key(nick));
    }

    /** A nick change follows the person, so renaming does not escape the ignore. */
    public void renamed(String oldNick, String newNick) {
        if (keys.remove(Names.key(oldNick))) {
            keys.add(Names.key(newNick));
        }
    }

    public Set<String> nicks() {
        return Set.copyOf(keys);
    }
}
