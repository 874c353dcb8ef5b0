package parley.client.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import parley.core.Names;
import parley.protocol.Member;

/** Who is in your room, kept up to date from members lists, joins, leaves and nick changes. */
public final class Members {

    private final Map<String, String> byKey = new TreeMap<>();

    /** A full list, as a members event gives it. */
    public void replaceAll(List<Member> list) {
        byKey.clear();
        list.forEach(m -> add(m.nick()));
    }

    public void add(String nick) {
        byKey.put(Names.key(nick), nick);
    }

    public void remove(String nick) {
        byKey.remove(Names.key(nick));
    }

    public void rename(String oldNick, String newNick) {
        if (byKey.remove(Names.key(oldNick)) != null) {
            add(newNick);
        }
    }

    public void clear() {
        byKey.clear();
    }

    public int count() {
        return byKey.size();
    }

    public Collection<String> nicks() {
        return List.copyOf(byKey.values());
    }
}
