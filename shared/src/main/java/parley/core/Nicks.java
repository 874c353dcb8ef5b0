package parley.core;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.log.LogEvent;

/**
 * Who has which nick here, and how a nick changes hands: guest nicks for newcomers, {@code /nick} and the rules
 * it must pass (a valid name, nobody's here, not refused by {@link Moderation}, not just given up by someone
 * else: {@link NickDelay}), then the cluster's claim ({@link PresenceRelay#claim}: at once on one server, once
 * Redis answers in a cluster). Always used with the core's lock held; a claim's answer comes back under it.
 *
 * <pre>
 *  /nick wanted --> rules here --> presence.claim --(lock)--> still free here? --> renamed: map, log, room told
 * </pre>
 */
final class Nicks {

    private final ChatCore core;
    private final Accounts accounts;
    private final Moderation moderation;
    private final PresenceRelay presence;
    private final OtherNodes others;
    private final NickDelay delay;
    private final ServerLog log;
    /** Sessions by the look-alike key of their nick ({@link Names#key}). */
    private final Map<String, Session> byKey = new HashMap<>();

    Nicks(ChatCore core, Accounts accounts, Moderation moderation, PresenceRelay presence, OtherNodes others,
          NickDelay delay, ServerLog log) {
        this.core = core;
        this.accounts = accounts;
        this.moderation = moderation;
        this.presence = presence;
        this.others = others;
        this.delay = delay;
        this.log = log;
    }

    /** Who holds the nick whose look-alike key is {@code key}; null for nobody. */
    Session holder(String key) {
        return byKey.get(key);
    }

    int count() {
        return byKey.size();
    }

    /** Everyone connected here, live: callers must not change the map while they walk it. */
    Collection<Session> everyone() {
        return byKey.values();
    }

    List<Session> snapshot() {
        return List.copyOf(byKey.values());
    }

    /** A nick for a newcomer: no one's here, not a registered one or its look-alike, numbered cluster-wide. */
    String freshGuest() {
        String nick;
        do {
            nick = "guest" + presence.nextGuestNumber();
            // A registered look-alike ("guestl" reads as guest1) must not be handed to a newcomer.
        } while (byKey.containsKey(Names.key(nick)) || accounts.isRegistered(Names.key(nick)));
        return nick;
    }

    /**
     * {@code s} arrived with its guest nick. The number is the cluster's, but someone elsewhere may have chosen
     * that nick: the claim settles it, and a guest who lost it gets another.
     */
    void arrived(Session s) {
        byKey.put(Names.key(s.nick()), s);
        String guest = s.nick();
        presence.claimGuest(guest, refused -> {
            if (refused.isPresent()) {
                others.lostNick(guest, "your guest nick " + guest + " is someone's on another node");
            }
        });
    }

    /** {@code s} is gone: its nick is free, after the delay for anyone but its address. */
    void left(Session s) {
        byKey.remove(Names.key(s.nick()));
        presence.release(s.nick());
        delay.released(Names.key(s.nick()), s.address());
    }

    /** {@code /nick wanted}: refused with the reason, or taken once it is known to be free. */
    void rename(Session s, String wanted) {
        Optional<String> problem = Names.problem(wanted);
        if (problem.isPresent()) {
            core.refuse(s, "nick " + wanted + " " + problem.get() + "; you are still " + s.nick());
            return;
        }
        Session holder = byKey.get(Names.key(wanted));
        if (holder != null && holder != s) {
            core.refuse(s, "nick " + wanted + " is taken; you are still " + s.nick());
            return;
        }
        if (wanted.equals(s.nick()) || moderation.refusesNick(s, wanted)) {
            return;
        }
        Optional<Duration> wait = holder == s ? Optional.empty() : delay.wait(Names.key(wanted), s.address());
        if (wait.isPresent()) {
            core.refuse(s, "nick " + wanted + " was given up a moment ago; it is free in "
                    + Math.max(1, wait.get().toSeconds()) + " s; you are still " + s.nick());
            return;
        }
        if (holder == s) {
            renamed(s, wanted); // the same nick in another case: already this server's
            return;
        }
        // One server answers at once; a cluster once Redis has: by then the nick may be someone else's here.
        presence.claim(wanted, refused -> core.locked(() -> {
            Session now = byKey.get(Names.key(wanted));
            if (refused.isPresent() || !s.isOpen() || (now != null && now != s)) {
                if (refused.isEmpty() && now == null) {
                    presence.release(wanted);
                }
                if (s.isOpen()) {
                    core.refuse(s, refused.orElse("nick " + wanted + " is taken") + "; you are still " + s.nick());
                }
                return;
            }
            renamed(s, wanted);
        }));
    }

    /** {@code s} takes {@code wanted}, which is theirs to take: the change told to their room. */
    private void renamed(Session s, String wanted) {
        String old = s.nick();
        byKey.remove(Names.key(old));
        if (!Names.key(old).equals(Names.key(wanted))) {
            delay.released(Names.key(old), s.address());
            presence.release(old);
        }
        s.rename(wanted);
        byKey.put(Names.key(wanted), s);
        log.event(LogEvent.info("nick", "{address} {old} -> {new}").address("address", s.address())
                .nick("old", old).nick("new", wanted));
        moderation.renamed(old, s);
        core.nickChanged(s, old);
        accounts.renamed(s);
    }
}
