package parley.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;
import parley.protocol.ChatEvent;
import parley.protocol.Member;
import parley.protocol.MachineFormat;
import parley.protocol.TextFormat;
import parley.protocol.WireMode;

/**
 * The chat core driven by random sequences of what people do, over a handful of fake connections, some in
 * machine mode and some in text mode. Each fake client reads only the lines it receives, the way a real
 * client would, and keeps its own view: its nick, its room, who is in that room (from the member list it was
 * given and the joins, leaves and renames it saw since), and which messages reached it. After every step:
 *
 * <ul>
 *   <li>nobody received anything after their disconnect, and every line is one LF-terminated line;</li>
 *   <li>each open client's nick is the core's, and no two open clients' nicks are equal ignoring case
 *       ({@link String#equalsIgnoreCase});</li>
 *   <li>each open client is in one room, and what it believes is in that room is exactly the open clients
 *       who believe they are there;</li>
 *   <li>each client received exactly the messages said in its room while it was there, each once, in the
 *       order they were said (so all members of a room agree on the order), and nothing from a room it was
 *       not in; private messages reached exactly their target and their sender;</li>
 *   <li>what a step should do, it did: a free and valid nick is taken, a taken or invalid one is an error,
 *       /join lands in the room asked for, a first-line hello switches to machine mode.</li>
 * </ul>
 */
class ChatCoreProperties {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Reads what text-mode clients receive; the day does not matter, no check here reads a time. */
    private static final TextFormat TEXT = new TextFormat(ZONE);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final int MAX_CLIENTS = 6;

    /** Nicks: Latin, Greek, Cyrillic, CJK, Devanagari, the guest names the core hands out, and invalid ones. */
    private static final List<String> NICKS = List.of("alice", "Bob", "guest1", "guest2", "guest3", "张伟", "李娜",
        "Σοφός", "Ёжик", "Émile", "x_-9", "नमस्ते", "bad name", "a@b", "😀", "abcdefghijklmnopqrstuvwxy");
    private static final List<String> ROOMS = List.of("lobby", "dev", "café");
    private static final List<String> EXTRAS = List.of("", " hello", " 张伟 说 你好", " 😀👍🏽", " tab\there",
        " back\\slash", " \u001b[31mred\u001b[0m", " \u202Eevil", " //not a command");
    private static final List<String> GARBAGE = List.of("", "   ", "\t", "\u001b[2J", "\u001b]0;pwned\u0007",
        "\u0000\u0001", "\u009b31m", "/", "/xyzzy", "/NICK", "/join", "/join #", "/join bad name", "/msg",
        "/msg nobody", "/me", "/who", "/rooms", "/help", "//", "///", "/Quit", "/nick a b", "PARLEY/1 MACHINE",
        "parley/1 machine", "\u202E", "plain words", "张伟", "/join  dev", "/nick  ");

    // ---- steps ---------------------------------------------------------------------------------------------

    /** One thing someone does. {@code who} picks a client by index among all connected so far. */
    sealed interface Step permits Connect, Disconnect, Quit, Nick, Join, Say, Me, Msg, Who, Garbage, Hello,
            TooLong {
        int who();
    }

    /** A new connection; with {@code hello}, its first line is the machine-mode hello. */
    record Connect(boolean hello) implements Step {
        @Override
        public int who() {
            return -1;
        }
    }

    record Disconnect(int who) implements Step {
    }

    record Quit(int who) implements Step {
    }

    record Nick(int who, String name) implements Step {
    }

    record Join(int who, String room) implements Step {
    }

    /** A message; {@code prefix} is "" or "//" (a line starting with / said literally). */
    record Say(int who, String prefix, String extra) implements Step {
    }

    record Me(int who, String extra) implements Step {
    }

    /** A private message to client {@code target}'s nick with its case changed by {@code caseBits}, or to a name. */
    record Msg(int who, int target, long caseBits, String name) implements Step {
    }

    record Who(int who) implements Step {
    }

    record Garbage(int who, String line) implements Step {
    }

    /** The machine hello at any time: a mode switch only as the first line, an ordinary message after. */
    record Hello(int who) implements Step {
    }

    record TooLong(int who) implements Step {
    }

    @Test
    void everyInvariantHoldsAfterEveryStep() {
        Coverage seen = new Coverage();
        Theories.qt(1126, 1000).forAll(SESSIONS).checkAssert(steps -> new World(seen).run(steps));
        // A generator that stopped reaching these would make the property pass without testing much.
        assertThat(seen.liveToMachine).as("messages delivered to machine clients").isGreaterThan(500);
        assertThat(seen.liveToText).as("messages delivered to text clients").isGreaterThan(500);
        assertThat(seen.privates).as("private messages delivered").isGreaterThan(100);
        assertThat(seen.renames).as("nick changes").isGreaterThan(200);
        assertThat(seen.refusedNicks).as("nicks refused as taken or invalid").isGreaterThan(100);
        assertThat(seen.otherRooms).as("moves to a room other than the lobby").isGreaterThan(200);
        assertThat(seen.closes).as("disconnects and quits").isGreaterThan(200);
        assertThat(seen.history).as("history lines replayed").isGreaterThan(200);
    }

    /** How often the runs reached what the invariants are about. */
    private static final class Coverage {
        int liveToMachine;
        int liveToText;
        int privates;
        int renames;
        int refusedNicks;
        int otherRooms;
        int closes;
        int history;
    }

    // ---- the world: a core and its clients -----------------------------------------------------------------

    private static final class World {
        final Coverage seen;
        final MutableClock clock = new MutableClock(START, ZONE);
        final ChatCore core = new ChatCore(clock, line -> { });
        final List<Client> clients = new ArrayList<>();
        /** Room (as named when said) of every tracked message, by id. */
        final Map<Integer, String> saidIn = new HashMap<>();
        int nextId;
        /** What a failure report should add about the current step (e.g. the nick a /msg went to). */
        String detail = "";

        World(Coverage seen) {
            this.seen = seen;
        }

        void run(List<Step> steps) {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                try {
                    clock.advance(Duration.ofMillis(1_001));
                    detail = "";
                    apply(step);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("at step " + i + " " + showStep(step) + detail + ", clients " + describe()
                            + ":\n" + e.getMessage(), e);
                }
            }
        }

        private String describe() {
            return clients.stream().map(Client::toString).collect(Collectors.joining("; ", "{", "}"));
        }

        private void apply(Step step) {
            if (step instanceof Connect connect) {
                if (clients.size() == MAX_CLIENTS) {
                    return;
                }
                Client c = new Client(this, clients.size());
                clients.add(c);
                c.session = core.connect(c.address, c);
                settle();
                assertThat(c.nick).as("nick from the welcome").isEqualTo(c.session.nick());
                assertThat(c.room).as("room from the welcome").isEqualTo("lobby");
                if (connect.hello()) {
                    c.says(WireMode.MACHINE_HELLO);
                    settle();
                }
                return;
            }
            if (clients.isEmpty()) {
                return;
            }
            Client c = clients.get(Math.floorMod(step.who(), clients.size()));
            boolean open = !c.gone;
            int errorsBefore = c.errors;
            if (step instanceof Disconnect) {
                seen.closes += open ? 1 : 0;
                core.disconnect(c.session, "gone");
                c.gone = true;
                settle();
            } else if (step instanceof Quit) {
                c.says("/quit bye");
                settle();
                if (open) {
                    seen.closes++;
                    assertThat(c.gone).as("closed after /quit").isTrue();
                    assertThat(c.recording.closeReasons).containsExactly("quit");
                }
            } else if (step instanceof Nick n) {
                String before = c.nick;
                boolean valid = Names.problem(n.name()).isEmpty();
                boolean taken = openClients().anyMatch(o -> o != c && o.nick.equalsIgnoreCase(n.name()));
                c.says("/nick " + n.name());
                settle();
                if (open && valid && !taken) {
                    assertThat(c.nick).as("a free, valid nick is taken").isEqualTo(n.name());
                    seen.renames++;
                } else if (open) {
                    seen.refusedNicks++;
                    assertThat(c.nick).as("nick kept").isEqualTo(before);
                    assertThat(c.errors).as("refusal is an error").isGreaterThan(errorsBefore);
                }
            } else if (step instanceof Join j) {
                String expected = open ? roomAfterJoin(c, j.room()) : null;
                c.says("/join " + j.room());
                settle();
                if (open) {
                    assertThat(c.room).as("room after /join").isEqualTo(expected);
                    seen.otherRooms += expected.equals("lobby") ? 0 : 1;
                }
            } else if (step instanceof Say say) {
                int id = speak(c, open);
                c.says(say.prefix() + "said:" + id + ":" + say.extra());
                settle();
            } else if (step instanceof Me me) {
                int id = speak(c, open);
                c.says("/me said:" + id + ":" + me.extra());
                settle();
            } else if (step instanceof Msg m) {
                String target = m.target() >= 0
                        ? caseVariant(clients.get(m.target() % clients.size()).nick, m.caseBits()) : m.name();
                int id = nextId++;
                detail = " (to " + target + " " + Theories.escaped(target) + ")";
                List<Client> found = openClients().filter(o -> o.nick.equalsIgnoreCase(target)).toList();
                if (open && found.size() == 1) {
                    found.get(0).expectedPrivates.add(id);
                    if (found.get(0) != c) {
                        c.expectedPrivates.add(id);
                    }
                }
                c.says("/msg " + target + " said:" + id + ": psst");
                settle();
                if (open && found.isEmpty()) {
                    assertThat(c.errors).as("/msg to nobody is an error").isGreaterThan(errorsBefore);
                }
            } else if (step instanceof Who) {
                c.says("/who");
                settle();
            } else if (step instanceof Garbage g) {
                c.says(g.line());
                settle();
            } else if (step instanceof Hello) {
                c.says(WireMode.MACHINE_HELLO);
                settle();
            } else if (step instanceof TooLong) {
                core.lineTooLong(c.session, 100);
                settle();
                if (open) {
                    assertThat(c.errors).as("too long is an error").isGreaterThan(errorsBefore);
                }
            }
        }

        /**
         * Where {@code /join ROOM} takes {@code c}: the room it is in if that is the one (nothing changes), else
         * an existing room of that name in any case (keeping the name it was created with), else a new room.
         */
        private String roomAfterJoin(Client c, String asked) {
            String name = asked.startsWith("#") ? asked.substring(1) : asked;
            if (c.room.equalsIgnoreCase(name)) {
                return c.room;
            }
            return openClients().map(o -> o.room).filter(name::equalsIgnoreCase).findFirst()
                    .orElse(name.equalsIgnoreCase("lobby") ? "lobby" : name);
        }

        /** A tracked message from {@code c}: every open client in its room must get it, once. */
        private int speak(Client c, boolean open) {
            int id = nextId++;
            if (open) {
                saidIn.put(id, c.room);
                openClients().filter(o -> o.room.equals(c.room)).forEach(o -> o.expectedLive.add(id));
            }
            return id;
        }

        Stream<Client> openClients() {
            return clients.stream().filter(c -> !c.gone);
        }

        /** Everyone reads what they were sent; then every invariant is checked. */
        private void settle() {
            for (Client c : clients) {
                assertThat(c.afterGone).as("lines sent to %s after its disconnect", c.address).isEmpty();
                for (String line : c.recording.newLines()) {
                    c.read(line);
                }
            }
            List<Client> open = openClients().toList();
            assertThat(core.sessionCount()).as("sessions").isEqualTo(open.size());
            for (Client c : clients) {
                assertThat(c.live).as("messages %s received, in order", c.address).isEqualTo(c.expectedLive);
                assertThat(c.privates).as("private messages %s received", c.address).isEqualTo(c.expectedPrivates);
            }
            for (Client c : open) {
                assertThat(c.nick).as("nick %s believes it has", c.address).isEqualTo(c.session.nick());
                assertThat(c.room).as("room of %s", c.address).isNotNull();
                Set<String> there = open.stream().filter(o -> o.room.equals(c.room)).map(Client::entry)
                        .collect(Collectors.toSet());
                assertThat(c.roster).as("who %s believes is in #%s", c.address, c.room)
                        .containsExactlyInAnyOrderElementsOf(there);
            }
            for (int i = 0; i < open.size(); i++) {
                for (int j = i + 1; j < open.size(); j++) {
                    assertThat(open.get(i).nick.equalsIgnoreCase(open.get(j).nick))
                            .as("nicks %s and %s are equal ignoring case", open.get(i).nick, open.get(j).nick)
                            .isFalse();
                }
            }
        }
    }

    // ---- a client: what it was sent and what it makes of it ------------------------------------------------

    private static final Pattern SPOKEN_ID = Pattern.compile("^/?said:(\\d+):");
    /** Text mode shows a welcome as a notice: the core's greeting wording says which notices are welcomes. */
    private static final Pattern T_WELCOME =
            Pattern.compile("welcome to parley, (\\S+); you are in #(\\S+)\\. Type /help for commands\\.");
    private static final Pattern T_MOVED = Pattern.compile("you are now in #(\\S+)");

    private static final class Client implements Outbound {
        final World world;
        final String address;
        /** The existing fake: keeps every buffer and decodes each as exactly one LF-terminated line. */
        final RecordingOutbound recording = new RecordingOutbound(true);
        Session session;
        boolean gone;
        boolean sentALine;
        WireMode mode = WireMode.TEXT;
        final List<String> afterGone = new ArrayList<>();
        String nick;
        String room;
        final Set<String> roster = new LinkedHashSet<>();
        final List<Integer> live = new ArrayList<>();
        final List<Integer> expectedLive = new ArrayList<>();
        final List<Integer> privates = new ArrayList<>();
        final List<Integer> expectedPrivates = new ArrayList<>();
        int errors;

        Client(World world, int index) {
            this.world = world;
            this.address = "127.0.0.1:" + (40001 + index);
        }

        String entry() {
            return nick + "@" + address;
        }

        void says(String line) {
            if (!gone) {
                if (!sentALine && line.strip().equals(WireMode.MACHINE_HELLO)) {
                    mode = WireMode.MACHINE; // what the client expects from here on
                }
                sentALine = true;
            }
            if ((line.hashCode() & 1) == 0) {
                world.core.receive(session, line);
            } else { // as the selector hands the core a read: the same invariants must hold
                world.core.batch(() -> world.core.receive(session, line));
            }
        }

        @Override
        public void send(ByteBuffer line) {
            if (gone) {
                afterGone.addAll(RecordingOutbound.decodeRun(line));
            }
            recording.send(line);
        }

        @Override
        public void closeAfterFlush(String reason) {
            recording.closeAfterFlush(reason);
            gone = true;
        }

        void read(String line) {
            boolean machine = line.indexOf('\t') >= 0;
            assertThat(machine ? WireMode.MACHINE : WireMode.TEXT).as("wire mode of %s", line).isEqualTo(mode);
            ChatEvent e = machine ? MachineFormat.parse(line) : welcomeIfGreeting(TEXT.parse(line, DAY)
                    .orElseThrow(() -> new AssertionError("not a line any event makes: " + line)));
            e.accept(new ChatEvent.Visitor<Void>() {
                @Override
                public Void welcome(ChatEvent.Welcome w) {
                    room = w.room();
                    nick = w.you().nick();
                    roster.clear();
                    return null;
                }

                @Override
                public Void members(ChatEvent.Members m) {
                    inMyRoom(m.room());
                    roster.clear();
                    m.members().forEach(who -> roster.add(who.nick() + "@" + who.address()));
                    return null;
                }

                @Override
                public Void presence(ChatEvent.Presence p) {
                    throw new AssertionError("no room here passes the presence limit, yet: " + line);
                }

                @Override
                public Void join(ChatEvent.Join j) {
                    inMyRoom(j.room());
                    String who = j.who().nick() + "@" + j.who().address();
                    assertThat(roster.add(who) || j.who().address().equals(address)).as("%s joined twice", who)
                            .isTrue();
                    return null;
                }

                @Override
                public Void leave(ChatEvent.Leave l) {
                    inMyRoom(l.room());
                    assertThat(roster.remove(l.who().nick() + "@" + l.who().address()))
                            .as("%s left but was not here", l.who().nick()).isTrue();
                    return null;
                }

                @Override
                public Void nickChange(ChatEvent.NickChange n) {
                    inMyRoom(n.room());
                    assertThat(roster.remove(n.oldNick() + "@" + n.address()))
                            .as("%s renamed but is not here", n.oldNick()).isTrue();
                    roster.add(n.newNick() + "@" + n.address());
                    if (n.address().equals(address)) {
                        assertThat(n.oldNick()).isEqualTo(nick);
                        nick = n.newNick();
                    }
                    return null;
                }

                @Override
                public Void message(ChatEvent.Message m) {
                    return spoken(m);
                }

                @Override
                public Void action(ChatEvent.Action a) {
                    return spoken(a);
                }

                private Void spoken(ChatEvent.Spoken e) {
                    inMyRoom(e.room());
                    Integer id = idOf(e.text());
                    if (e.history()) {
                        world.seen.history++;
                        if (id != null) {
                            // A room is one room by its name's key: one made again as "café" is "Café"'s.
                            assertThat(Names.key(world.saidIn.get(id))).as("history of #%s replays %s", room,
                                    e.text()).isEqualTo(Names.key(room));
                        }
                    } else {
                        assertThat(roster).as("the speaker is in the room")
                                .contains(e.from().nick() + "@" + e.from().address());
                        if (id != null) {
                            live.add(id);
                            if (machine) {
                                world.seen.liveToMachine++;
                            } else {
                                world.seen.liveToText++;
                            }
                        }
                    }
                    return null;
                }

                @Override
                public Void privateMessage(ChatEvent.Private p) {
                    Integer id = idOf(p.text());
                    if (id != null) {
                        privates.add(id);
                        world.seen.privates++;
                    }
                    return null;
                }

                @Override
                public Void error(ChatEvent.Error r) {
                    errors++;
                    return null;
                }

                @Override
                public Void info(ChatEvent.Info i) {
                    return null;
                }
            });
        }

        /** Text lines do not say the room of everything: an empty room is one the line did not name. */
        private void inMyRoom(String eventRoom) {
            if (!eventRoom.isEmpty()) {
                assertThat(eventRoom).as("event for #%s", eventRoom).isEqualTo(room);
            }
        }

        private ChatEvent welcomeIfGreeting(ChatEvent e) {
            if (e instanceof ChatEvent.Info i) {
                Matcher m = T_WELCOME.matcher(i.text());
                if (m.matches()) {
                    return new ChatEvent.Welcome(m.group(2), i.time(), new Member(m.group(1), address), i.text());
                }
                m = T_MOVED.matcher(i.text());
                if (m.matches()) {
                    return new ChatEvent.Welcome(m.group(1), i.time(), new Member(nick, address), i.text());
                }
            }
            return e;
        }

        private static Integer idOf(String text) {
            Matcher m = SPOKEN_ID.matcher(text);
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        }

        @Override
        public String toString() {
            return address.substring(address.indexOf(':') + 1) + (gone ? " gone" : "") + " " + nick + " #" + room
                    + (mode == WireMode.MACHINE ? " machine" : "");
        }
    }

    // ---- generation ----------------------------------------------------------------------------------------

    // Each choice lists its simplest option first: shrinking moves a choice towards its first option.

    /** One to three connections, then up to 59 steps. */
    static final Gen<List<Step>> SESSIONS = connects().zip(Theories.thinnable(connects(), 0, 2),
                    Theories.thinnable(steps(), 0, 59), (first, more, steps) -> {
                List<Step> session = new ArrayList<>(List.of(first));
                session.addAll(more);
                session.addAll(steps);
                return List.copyOf(session);
            })
            .describedAs(ChatCoreProperties::show);

    /** A third of the connections say the machine hello first. */
    private static Gen<Step> connects() {
        return Generate.range(0, 2).map(roll -> new Connect(roll == 2));
    }

    /**
     * What people do, in these proportions (of 100). Listed simplest first, so that a step shrinking cannot
     * leave out becomes a plain message.
     */
    private static Gen<Step> steps() {
        Gen<Integer> who = integers().between(0, MAX_CLIENTS - 1);
        Gen<String> extras = Generate.pick(EXTRAS);
        Gen<Step> say = in -> new Say(who.generate(in), Generate.range(0, 7).generate(in) == 7 ? "//" : "",
                extras.generate(in));
        Gen<Step> nick = in -> new Nick(who.generate(in),
                caseVariant(Generate.pick(NICKS).generate(in), caseBits(1, 2).generate(in)));
        Gen<Step> join = in -> {
            int asker = who.generate(in);
            String room = caseVariant(Generate.pick(ROOMS).generate(in), caseBits(1, 1).generate(in));
            return new Join(asker, Generate.range(0, 3).generate(in) == 3 ? "#" + room : room);
        };
        Gen<Step> msgToClient = in -> new Msg(who.generate(in), who.generate(in), longs().all().generate(in), "");
        Gen<Step> msgToName = in -> new Msg(who.generate(in), -1, 0,
                caseVariant(Generate.pick(NICKS).generate(in), longs().all().generate(in)));
        return Generate.frequency(
                Pair.of(16, say),
                Pair.of(5, who.map(Who::new)),
                Pair.of(5, who.zip(extras, Me::new)),
                Pair.of(17, nick),
                Pair.of(12, join),
                Pair.of(7, msgToClient),
                Pair.of(3, msgToName),
                Pair.of(9, connects()),
                Pair.of(4, who.map(Disconnect::new)),
                Pair.of(2, who.map(Quit::new)),
                Pair.of(10, who.zip(Generate.pick(GARBAGE), Garbage::new)),
                Pair.of(6, who.map(Hello::new)),
                Pair.of(4, who.map(TooLong::new)));
    }

    /** Bits for {@link #caseVariant}: zero (the name as it is) {@code keep} times in {@code keep + change}. */
    private static Gen<Long> caseBits(int keep, int change) {
        return Generate.frequency(Pair.of(keep, Generate.constant(0L)), Pair.of(change, longs().all()));
    }

    /**
     * The same name with each code point's case chosen by two bits: kept, upper, lower, or lower of upper
     * (which is how Java's {@code equalsIgnoreCase} compares). Bits 0 keep the name as it is.
     */
    static String caseVariant(String name, long bits) {
        StringBuilder out = new StringBuilder();
        int[] cps = name.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            out.appendCodePoint(switch ((int) (bits >>> (2 * (i % 32))) & 3) {
                case 0 -> cp;
                case 1 -> Character.toUpperCase(cp);
                case 2 -> Character.toLowerCase(cp);
                default -> Character.toLowerCase(Character.toUpperCase(cp));
            });
        }
        return out.toString();
    }

    static String show(List<Step> steps) {
        return IntStream.range(0, steps.size()).mapToObj(i -> "  " + i + ": " + showStep(steps.get(i)))
                .collect(Collectors.joining("\n", steps.size() + " steps:\n", ""));
    }

    private static String showStep(Step s) {
        if (s instanceof Nick n) {
            return "Nick[who=" + n.who() + ", name=" + n.name() + " " + Theories.escaped(n.name()) + "]";
        } else if (s instanceof Garbage g) {
            return "Garbage[who=" + g.who() + ", line=" + Theories.escaped(g.line()) + "]";
        } else if (s instanceof Say say) {
            return "Say[who=" + say.who() + ", prefix=" + say.prefix() + ", extra=" + Theories.escaped(say.extra())
                    + "]";
        }
        return s.toString();
    }
}
