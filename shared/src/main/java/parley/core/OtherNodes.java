package parley.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

/**
 * The people on the other nodes of a cluster, as this core knows them from its {@link PresenceRelay}, and their
 * comings and goings told to the rooms here by the same big-room rules as local ones. On one server it stays
 * empty. Guarded by the core's lock: every call from the relay takes it.
 *
 * <pre>
 *  PresenceRelay (a cluster thread) --joined / left / renamed / nodeGone / everyone--> here (core lock)
 *      --> the roster below (room key -> nick key -> who, in the order they came)
 *      --> ChatCore.announceRemote: a Join / Leave / NickChange to the room's members here, or its tally
 *  /who, /rooms, a welcome's member list, a big room's head count <-- everyone(room), headcount(room)
 * </pre>
 */
final class OtherNodes implements PresenceRelay.Listener {

    private final ChatCore core;
    private final PresenceRelay presence;
    private final Map<String, PresenceRelay.Remote> byNick = new HashMap<>();
    private final Map<String, LinkedHashMap<String, PresenceRelay.Remote>> byRoom = new HashMap<>();
    /** Redis is unreachable: the roster is kept (to tell the changes when it is back) but not shown. */
    private boolean cutOff;

    OtherNodes(ChatCore core, PresenceRelay presence) {
        this.core = core;
        this.presence = presence;
    }

    /** Everyone in {@code room}: its members here (in the order they came), then those on other nodes. */
    List<Member> everyone(Room room) {
        List<Member> all = new ArrayList<>(room.members().size());
        room.members().forEach(s -> all.add(s.member()));
        if (!byRoom.isEmpty()) {
            all.addAll(remoteIn(room.key()));
        }
        return all;
    }

    /** The first {@code n} of {@link #everyone}, without listing the rest: a big room's welcome sample. */
    List<Member> first(Room room, int n) {
        List<Member> some = new ArrayList<>(n);
        for (Session s : room.members()) {
            if (some.size() == n) {
                return some;
            }
            some.add(s.member());
        }
        Map<String, PresenceRelay.Remote> people = cutOff || byRoom.isEmpty() ? null : byRoom.get(room.key());
        if (people != null) {
            for (PresenceRelay.Remote r : people.values()) {
                if (some.size() == n) {
                    break;
                }
                some.add(r.member());
            }
        }
        return some;
    }

    /** How many are in {@code room}, here and on other nodes: what the big-room rules count, on every join. */
    int headcount(Room room) {
        Map<String, PresenceRelay.Remote> people = cutOff || byRoom.isEmpty() ? null : byRoom.get(room.key());
        return room.members().size() + (people == null ? 0 : people.size());
    }

    /** The rooms with people on other nodes: room key -> its name and how many are in it there. */
    Map<String, Map.Entry<String, Integer>> rooms() {
        Map<String, Map.Entry<String, Integer>> out = new HashMap<>();
        if (!cutOff) {
            byRoom.forEach((key, people) -> out.put(key,
                    Map.entry(people.values().iterator().next().room(), people.size())));
        }
        return out;
    }

    /** How many people are on other nodes, as far as this node knows now. */
    int size() {
        return cutOff ? 0 : byNick.size();
    }

    /**
     * Sends {@code s}'s private message to {@code toNick} if someone on another node has that nick: true when
     * it is theirs to handle (sent, or refused with a reason to {@code s}).
     */
    boolean tell(Session s, String toNick, String text) {
        PresenceRelay.Remote to = byNick.get(Names.key(toNick));
        if (to == null) {
            return false;
        }
        if (cutOff) {
            core.refuse(s, "the cluster's Redis is unreachable: " + to.member().nick() + " was on node " + to.node()
                    + " and cannot be reached now; your message was not sent");
            return true;
        }
        presence.tell(s.member(), to.node(), to.member().nick(), text, failed -> core.locked(() -> {
            if (!s.isOpen()) {
                return;
            }
            if (failed.isPresent()) {
                core.refuse(s, failed.get());
            } else {
                core.send(s, new ChatEvent.Private(core.now(), s.member(), to.member().nick(), text));
            }
        }));
        return true;
    }

    private List<Member> remoteIn(String roomKey) {
        Map<String, PresenceRelay.Remote> people = cutOff || byRoom.isEmpty() ? null : byRoom.get(roomKey);
        return people == null ? List.of() : people.values().stream().map(PresenceRelay.Remote::member).toList();
    }

    @Override
    public void everyone(List<PresenceRelay.Remote> members) {
        core.locked(() -> {
            boolean quiet = cutOff; // the outage was told to everyone: who was missed meanwhile is not re-announced
            cutOff = false;
            Map<String, PresenceRelay.Remote> now = new HashMap<>();
            members.forEach(r -> now.put(Names.key(r.member().nick()), r));
            for (PresenceRelay.Remote old : List.copyOf(byNick.values())) {
                PresenceRelay.Remote still = now.get(Names.key(old.member().nick()));
                if (still == null || !still.equals(old)) {
                    remove(old, quiet ? null : "left");
                }
            }
            for (PresenceRelay.Remote r : members) {
                if (!r.equals(byNick.get(Names.key(r.member().nick())))) {
                    add(r, !quiet);
                }
            }
        });
    }

    @Override
    public void joined(PresenceRelay.Remote who) {
        core.locked(() -> {
            PresenceRelay.Remote known = byNick.get(Names.key(who.member().nick()));
            if (cutOff || who.equals(known)) {
                return;
            }
            if (known != null) {
                remove(known, "went to #" + who.room());
            }
            add(who, true);
        });
    }

    @Override
    public void left(PresenceRelay.Remote who, String reason) {
        core.locked(() -> {
            PresenceRelay.Remote known = byNick.get(Names.key(who.member().nick()));
            if (!cutOff && known != null && known.node().equals(who.node())) {
                remove(known, reason);
            }
        });
    }

    @Override
    public void renamed(String oldNick, PresenceRelay.Remote who) {
        core.locked(() -> {
            PresenceRelay.Remote known = byNick.get(Names.key(oldNick));
            if (cutOff || known == null || !known.node().equals(who.node())) {
                return;
            }
            unlist(known);
            list(who);
            Room room = core.localRoom(Names.key(who.room()));
            if (room != null) {
                core.announceRemote(room, new ChatEvent.NickChange(room.name(), core.now(), oldNick,
                        who.member().nick(), who.member().address()), PresenceTally::renamed);
            }
        });
    }

    @Override
    public void nodeGone(String node, String reason) {
        core.locked(() -> {
            for (PresenceRelay.Remote r : List.copyOf(byNick.values())) {
                if (r.node().equals(node)) {
                    remove(r, cutOff ? null : reason);
                }
            }
        });
    }

    @Override
    public void cutOff() {
        core.locked(() -> cutOff = true);
    }

    @Override
    public Optional<String> privateMessage(Member from, String toNick, String text) {
        List<Optional<String>> refused = new ArrayList<>(1);
        core.locked(() -> refused.add(core.privateFromNode(from, toNick, text)));
        return refused.get(0);
    }

    @Override
    public void undelivered(String fromNick, String why) {
        core.locked(() -> Optional.ofNullable(core.holder(Names.key(fromNick))).ifPresent(s -> core.refuse(s, why)));
    }

    @Override
    public void lostNick(String nick, String why) {
        core.locked(() -> {
            Session s = core.holder(Names.key(nick));
            if (s != null) {
                String guest = core.freshGuestNick();
                core.inform(s, why + "; you are now " + guest);
                core.rename(s, guest);
            }
        });
    }

    /** Lists {@code r} and, when {@code announce}, tells their room here (counting them, as a local join does). */
    private void add(PresenceRelay.Remote r, boolean announce) {
        list(r);
        Room room = core.localRoom(Names.key(r.room()));
        if (announce && room != null) {
            core.announceRemote(room, new ChatEvent.Join(room.name(), core.now(), r.member()),
                    tally -> tally.joined(r.member().nick()));
        }
    }

    /** Tells {@code r}'s room here that they left (still counting them), unless {@code reason} is null; unlists them. */
    private void remove(PresenceRelay.Remote r, String reason) {
        Room room = core.localRoom(Names.key(r.room()));
        if (reason != null && room != null) {
            core.announceRemote(room, new ChatEvent.Leave(room.name(), core.now(), r.member(), reason),
                    PresenceTally::left);
        }
        unlist(r);
    }

    private void list(PresenceRelay.Remote r) {
        byNick.put(Names.key(r.member().nick()), r);
        byRoom.computeIfAbsent(Names.key(r.room()), k -> new LinkedHashMap<>()).put(Names.key(r.member().nick()), r);
    }

    private void unlist(PresenceRelay.Remote r) {
        byNick.remove(Names.key(r.member().nick()));
        Map<String, PresenceRelay.Remote> people = byRoom.get(Names.key(r.room()));
        if (people != null) {
            people.remove(Names.key(r.member().nick()));
            if (people.isEmpty()) {
                byRoom.remove(Names.key(r.room()));
            }
        }
    }
}
