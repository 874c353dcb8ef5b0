package parley.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import parley.protocol.Command;
import parley.protocol.RoomCommand;
import parley.trust.AddressRange;
import parley.trust.Ban;
import parley.trust.Topic;
import parley.trust.TrustStore;

/**
 * Operators and what they do to others — {@code /kick}, {@code /ban}, {@code /mute} — and what belongs to a room
 * or a person rather than a line: topics, the message of the day, {@code /away}.
 *
 * <p>An operator is a session identified ({@link Accounts}) to a registered nick named in the operators file.
 * Every operator action is logged with who did it. Bans and topics are kept in the {@link TrustStore}; mutes
 * and away messages last as long as the process. Everything here runs under the core's lock.
 */
final class Moderation {

    /** Characters of an away message kept. */
    static final int MAX_AWAY = 100;

    private final ChatCore core;
    private final Clock clock;
    private final ServerLog log;
    private final Accounts accounts;
    private final TrustSettings settings;
    private final TrustStore store;
    /** Bans by what they name: a nick's look-alike key, or the address or range as written (lower case). */
    private final Map<String, Ban> bans = new LinkedHashMap<>();
    private final Map<String, Topic> topics;
    /** Muted nicks by key, until when ({@link Instant#MAX} for ever). */
    private final Map<String, Instant> mutes = new HashMap<>();
    private final Map<Session, String> away = new HashMap<>();
    /** Who has had the automatic away answer from whom, since that person last said they were away. */
    private final Map<Session, Set<Session>> answered = new HashMap<>();

    Moderation(ChatCore core, Accounts accounts, Clock clock, ServerLog log, TrustSettings settings,
               TrustStore.Snapshot snapshot) {
        this.core = core;
        this.clock = clock;
        this.log = log;
        this.accounts = accounts;
        this.settings = settings;
        this.store = settings.store();
        bans.putAll(snapshot.bans());
        this.topics = new HashMap<>(snapshot.topics());
    }

    void run(Session s, RoomCommand c) {
        c.accept(new RoomCommand.Visitor<Void>() {
            @Override
            public Void kick(RoomCommand.Kick k) {
                if (operator(s, "kick")) {
                    Moderation.this.kick(s, k);
                }
                return null;
            }

            @Override
            public Void ban(RoomCommand.Ban b) {
                if (operator(s, "ban")) {
                    Moderation.this.ban(s, b);
                }
                return null;
            }

            @Override
            public Void unban(RoomCommand.Unban u) {
                if (operator(s, "unban")) {
                    Moderation.this.unban(s, u.target());
                }
                return null;
            }

            @Override
            public Void bans(RoomCommand.Bans b) {
                if (operator(s, "bans")) {
                    listBans(s);
                }
                return null;
            }

            @Override
            public Void mute(RoomCommand.Mute m) {
                if (operator(s, "mute")) {
                    Moderation.this.mute(s, m);
                }
                return null;
            }

            @Override
            public Void unmute(RoomCommand.Unmute u) {
                if (operator(s, "unmute")) {
                    Moderation.this.unmute(s, u.nick());
                }
                return null;
            }

            @Override
            public Void topic(RoomCommand.Topic t) {
                if (t.text().isEmpty()) {
                    showTopic(s, s.room());
                } else if (operator(s, "topic TEXT")) {
                    setTopic(s, t.text());
                }
                return null;
            }

            @Override
            public Void away(RoomCommand.Away a) {
                Moderation.this.away(s, a.message());
                return null;
            }
        });
    }

    boolean isOperator(Session s) {
        return accounts.identifiedAs(s).filter(settings.operators()::contains).isPresent();
    }

    private boolean operator(Session s, String command) {
        if (isOperator(s)) {
            return true;
        }
        core.refuse(s, "/" + command + " is for operators" + (settings.operators().isEmpty() ? ""
                : "; an operator identifies first"));
        return false;
    }

    /** Why a connection from {@code ip} is refused, if it is banned. */
    Optional<String> refusal(InetAddress ip) {
        Instant now = clock.instant();
        for (Ban b : bans.values()) {
            if (b.isAddress() && b.activeAt(now) && AddressRange.parse(b.target()).map(r -> r.contains(ip)).orElse(false)) {
                return Optional.of("you are banned from this server" + until(b) + reason(b));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code wanted} is a banned nick; if it is, {@code s} has been told. */
    boolean refusesNick(Session s, String wanted) {
        Ban b = bans.get(Names.key(wanted));
        if (b == null || !b.activeAt(clock.instant())) {
            return false;
        }
        core.refuse(s, "nick " + wanted + " is banned" + until(b) + reason(b) + "; you are still " + s.nick());
        return true;
    }

    /** Whether {@code s} may run {@code c}: a muted person may do anything but speak. */
    boolean mayRun(Session s, Command c) {
        if (!(c instanceof Command.Say || c instanceof Command.Me || c instanceof Command.Msg)) {
            return true;
        }
        if (mutes.isEmpty()) {
            return true; // the usual case, and it spares every line its sender's look-alike key
        }
        Instant until = mutes.get(Names.key(s.nick()));
        if (until == null || !clock.instant().isBefore(until)) {
            return true;
        }
        core.refuse(s, "you are muted" + (until.equals(Instant.MAX) ? "" : " until " + at(until))
                + ": you can read but not speak; nothing was sent");
        return false;
    }

    /** The message of the day, after a welcome that starts a session. */
    void greet(Session s) {
        settings.motd().forEach(line -> core.inform(s, line));
    }

    /** The room's topic, if it has one: part of the welcome to a room. */
    void topicOnEntry(Session s, Room room) {
        Topic t = topics.get(room.key());
        if (t != null) {
            core.inform(s, topicLine(room, t));
        }
    }

    /** After {@code /who}: who of {@code listed} is away, and why. */
    void awayNote(Session s, Collection<Session> listed) {
        String note = listed.stream().filter(away::containsKey)
                .map(m -> away.get(m).isEmpty() ? m.nick() : m.nick() + " (" + away.get(m) + ")")
                .collect(Collectors.joining(", "));
        if (!note.isEmpty()) {
            core.inform(s, "away: " + note);
        }
    }

    /** {@code from} sent {@code to} a private message: an away {@code to} answers once per sender per absence. */
    void privateMessageSent(Session from, Session to) {
        String message = away.get(to);
        if (message != null && from != to && answered.computeIfAbsent(to, k -> new HashSet<>()).add(from)) {
            core.inform(from, to.nick() + " is away" + (message.isEmpty() ? "" : ": " + message));
        }
    }

    /** A mute follows its nick. */
    void renamed(String oldNick, Session s) {
        Instant until = mutes.remove(Names.key(oldNick));
        if (until != null) {
            mutes.put(Names.key(s.nick()), until);
        }
    }

    void forget(Session s) {
        away.remove(s);
        answered.remove(s);
        answered.values().forEach(senders -> senders.remove(s));
    }

    /** Lifts bans and mutes that have run out. */
    void tick(Instant now) {
        for (Iterator<Ban> it = bans.values().iterator(); it.hasNext(); ) {
            Ban b = it.next();
            if (!b.activeAt(now)) {
                it.remove();
                store.deleteBan(banKey(b.target()));
                log.info("ban on " + b.target() + " by " + b.by() + " ran out");
            }
        }
        mutes.values().removeIf(until -> !now.isBefore(until));
    }

    private void kick(Session op, RoomCommand.Kick k) {
        Session target = core.holder(Names.key(k.nick()));
        if (target == null) {
            core.refuse(op, "no one here is called " + k.nick());
            return;
        }
        String why = "kicked by " + op.nick() + (k.reason().isEmpty() ? "" : ": " + k.reason());
        log.info("kick " + target + " by " + op + (k.reason().isEmpty() ? "" : ": " + k.reason()));
        core.inform(op, "kicked " + target.nick());
        core.expel(target, why);
    }

    private void ban(Session op, RoomCommand.Ban c) {
        String target = c.target();
        Optional<AddressRange> range = AddressRange.parse(target);
        if (AddressRange.looksLikeAddress(target) && range.isEmpty()) {
            core.refuse(op, target + " is neither a nick nor an address nor a CIDR range such as 10.0.0.0/8");
            return;
        }
        Instant now = clock.instant();
        Ban b = new Ban(target, c.duration() == null ? null : now.plus(c.duration()), c.reason(), op.nick(), now);
        bans.put(banKey(target), b);
        store.saveBan(banKey(target), b);
        log.info("ban " + target + " by " + op + until(b) + reason(b));
        core.inform(op, "banned " + target + until(b));
        String why = "banned by " + op.nick() + until(b) + reason(b);
        List<Session> matching = new ArrayList<>();
        if (range.isPresent()) {
            for (Session s : core.sessions()) {
                if (s != op && AddressRange.ipOf(s.address()).map(range.get()::contains).orElse(false)) {
                    matching.add(s);
                }
            }
        } else {
            Session holder = core.holder(Names.key(target));
            if (holder != null && holder != op) {
                matching.add(holder);
            }
        }
        matching.forEach(s -> core.expel(s, why));
    }

    private void unban(Session op, String target) {
        Ban b = bans.remove(banKey(target));
        if (b == null) {
            core.refuse(op, target + " is not banned");
            return;
        }
        store.deleteBan(banKey(target));
        log.info("unban " + b.target() + " by " + op);
        core.inform(op, "lifted the ban on " + b.target());
    }

    private void listBans(Session op) {
        Instant now = clock.instant();
        List<Ban> active = bans.values().stream().filter(b -> b.activeAt(now)).toList();
        core.inform(op, active.isEmpty() ? "no bans" : active.size() + (active.size() == 1 ? " ban:" : " bans:"));
        for (Ban b : active) {
            core.inform(op, b.target() + until(b) + ", by " + b.by() + " at " + at(b.at()) + reason(b));
        }
    }

    private void mute(Session op, RoomCommand.Mute m) {
        Instant until = m.duration() == null ? Instant.MAX : clock.instant().plus(m.duration());
        mutes.put(Names.key(m.nick()), until);
        String span = m.duration() == null ? "" : " until " + at(until);
        log.info("mute " + m.nick() + " by " + op + span);
        core.inform(op, "muted " + m.nick() + span);
        Session target = core.holder(Names.key(m.nick()));
        if (target != null) {
            core.inform(target, "you were muted by " + op.nick() + span + ": you can read but not speak");
        }
    }

    private void unmute(Session op, String nick) {
        if (mutes.remove(Names.key(nick)) == null) {
            core.refuse(op, nick + " is not muted");
            return;
        }
        log.info("unmute " + nick + " by " + op);
        core.inform(op, "unmuted " + nick);
        Session target = core.holder(Names.key(nick));
        if (target != null) {
            core.inform(target, "you may speak again");
        }
    }

    private void showTopic(Session s, Room room) {
        Topic t = topics.get(room.key());
        core.inform(s, t == null ? "#" + room.name() + " has no topic" : topicLine(room, t));
    }

    private void setTopic(Session op, String text) {
        Room room = op.room();
        String key = room.key();
        String told;
        if (text.equals("-")) {
            topics.remove(key);
            store.deleteTopic(key);
            told = op.nick() + " cleared the topic of #" + room.name();
        } else {
            Topic t = new Topic(text, op.nick(), clock.instant());
            topics.put(key, t);
            store.saveTopic(key, t);
            told = op.nick() + " set the topic of #" + room.name() + ": " + text;
        }
        log.info("topic #" + room.name() + " by " + op + ": " + text);
        core.informRoom(room, told);
    }

    private void away(Session s, String message) {
        answered.remove(s);
        if (message.isEmpty()) {
            core.inform(s, away.remove(s) == null ? "you were not away" : "you are back");
        } else {
            // Cut, so that /who's away line for a page of people stays a line, not a page.
            String kept = message.codePointCount(0, message.length()) <= MAX_AWAY ? message
                    : message.substring(0, message.offsetByCodePoints(0, MAX_AWAY)) + "…";
            away.put(s, kept);
            core.inform(s, "you are away: " + kept + " (/away alone when you are back)");
        }
    }

    private static String topicLine(Room room, Topic t) {
        return "topic of #" + room.name() + ": " + t.text() + " (set by " + t.by() + " at " + at(t.at()) + ")";
    }

    private static String banKey(String target) {
        return AddressRange.looksLikeAddress(target) ? target.toLowerCase(Locale.ROOT) : Names.key(target);
    }

    private static String until(Ban b) {
        return b.until() == null ? "" : " until " + at(b.until());
    }

    private static String reason(Ban b) {
        return b.reason().isEmpty() ? "" : ": " + b.reason();
    }

    /** A moment as people read it in notices: UTC, to the second. */
    private static String at(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS) + "";
    }
}
