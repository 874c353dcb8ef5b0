package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.core.ChatCore;
import parley.core.CoreSettings;
import parley.core.MutableClock;
import parley.core.ServerLog;
import parley.core.TrustSettings;
import parley.history.HistoryStore;
import parley.history.MemoryHistoryStore;
import parley.history.sqlite.SqliteHistoryStore;
import parley.history.sqlite.SqliteTrustStore;
import parley.server.ServerSettings;
import parley.trust.MemoryTrustStore;
import parley.trust.PasswordHasher;
import parley.trust.TrustStore;

/**
 * Registered nicks and moderation over real sockets: register, identify, drop; a registered nick that nobody
 * can keep without its password; kept private messages; operators' kick, ban, mute, topic; the message of the
 * day; away. Passwords are hashed with the real Argon2id parameters. Every backend runs it with a one-line
 * subclass.
 */
public abstract class TrustContract extends ContractSupport {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String OPERATOR = "op";

    @TempDir
    Path data;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(CLOCK.instant(), CLOCK.getZone());
    private ThreadPoolExecutor hashing;
    private TrustStore trustStore;
    private HistoryStore history;

    @AfterEach
    void stopTheServerAndItsStores() throws InterruptedException {
        stopTheServer();
        assertThat(log).as("the server log").noneMatch(line -> line.contains(PASSWORD));
    }

    private TrustSettings trust(TrustStore store) {
        hashing = TrustSettings.hashingPool();
        return TrustSettings.inMemory().withStore(store).withHashing(new PasswordHasher(PasswordHasher.OWASP_MINIMUM),
                hashing).withOperators(Set.of(OPERATOR)).withMotd(List.of("be kind", "no spam"));
    }

    private InetSocketAddress startWith(TrustSettings trust) throws IOException {
        trustStore = trust.store();
        history = new MemoryHistoryStore(100, 10);
        return start(ServerSettings.forTests().withLog(log::add), new ChatCore(clock, log::add, CoreSettings.defaults(), history,
                Runnable::run, trust));
    }

    private InetSocketAddress startInMemory() throws IOException {
        return startWith(trust(new MemoryTrustStore()));
    }

    /** A server keeping its history and accounts in {@link #data}, as {@code parley server --data DIR} does. */
    private InetSocketAddress startOnDisk() throws IOException {
        trustStore = null;
        SqliteHistoryStore rooms = SqliteHistoryStore.open(data, SqliteHistoryStore.Options.defaults(), clock,
                ServerLog.silent());
        SqliteTrustStore accounts = SqliteTrustStore.open(data, log::add);
        TrustSettings trust = trust(accounts);
        trustStore = accounts;
        history = rooms;
        return start(ServerSettings.forTests().withLog(log::add), new ChatCore(clock, log::add, CoreSettings.defaults(), rooms,
                Runnable::run, trust));
    }

    private void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(2));
            server = null;
        }
        if (hashing != null) {
            hashing.shutdown();
            hashing.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (trustStore != null) {
            trustStore.close();
            trustStore = null;
        }
        if (history != null) {
            history.close();
            history = null;
        }
    }

    /** A client that has taken {@code nick} (not a registered one) and registered it. */
    private ChatClient registered(InetSocketAddress address, String nick) throws IOException {
        ChatClient c = join(address);
        c.send("/nick " + nick);
        c.awaitContaining("is now known as " + nick);
        c.send("/register " + PASSWORD);
        c.awaitContaining(nick + " is registered to you");
        return c;
    }

    /** Registers {@code nick} and quits; returns once the server has let the nick go. */
    private void registeredAndGone(InetSocketAddress address, String nick) throws IOException {
        ChatClient c = registered(address, nick);
        c.send("/quit");
        c.readToEnd();
    }

    private ChatClient operator(InetSocketAddress address) throws IOException {
        return registered(address, OPERATOR);
    }

    private ChatClient from(InetSocketAddress address, String ip) throws IOException {
        ChatClient c = connect(ChatClient.connectFrom(address, InetAddress.getByName(ip)));
        c.awaitContaining("welcome to parley");
        return c;
    }

    @Test
    void aRegisteredNickIsTakenBackWithItsPasswordAndNeverEchoed() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient ada = registered(address, "ada");
        ada.send("/quit");
        ada.readToEnd();
        ChatClient back = join(address);
        back.send("/nick ada");
        back.awaitContaining("ada is a registered nick: /identify PASSWORD within 30 s");
        back.send("/identify " + PASSWORD);
        back.awaitContaining("you are identified as ada");
        back.send("/identify " + PASSWORD);
        back.awaitContaining("you are already identified as ada");
        assertThat(ada.seen()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(back.seen()).noneMatch(line -> line.contains(PASSWORD));
        assertThat(log).anyMatch(line -> line.startsWith("register ada from "))
                .anyMatch(line -> line.startsWith("identify ada from "));
    }

    @Test
    void identifyWithANickTakesItFromWhoeverHoldsItAndItsLookAlikesAreCovered() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient ada = registered(address, "ada");
        ada.send("/nick ada_away");
        ada.awaitContaining("is now known as ada_away"); // before anyone else asks for ada
        ChatClient impostor = join(address);
        impostor.send("/nick ADA");
        impostor.awaitContaining("ADA is a registered nick");
        impostor.send("/register " + PASSWORD);
        impostor.awaitContaining("ADA is already registered");
        impostor.send("/msg ada are you the real one");
        impostor.awaitContaining("is registered and not here: the message is kept");

        ChatClient owner = join(address);
        owner.send("/identify ada " + PASSWORD);
        impostor.awaitContaining("ada was claimed by its owner; you are now guest");
        owner.awaitContaining("you are identified as ada");
        owner.awaitContaining("is now known as ada");
        owner.awaitContaining("1 private message was kept for you:");
        owner.awaitContaining("are you the real one");
    }

    @Test
    void someoneWhoDoesNotIdentifyWithinTheGracePeriodIsRenamed() throws IOException {
        InetSocketAddress address = startInMemory();
        registeredAndGone(address, "ada");
        ChatClient impostor = join(address);
        ChatClient witness = join(address);
        impostor.send("/nick ada");
        impostor.awaitContaining("ada is a registered nick");
        impostor.send("/msg ada hello me"); // meant for the owner: kept, not shown to whoever holds the nick
        impostor.awaitContaining("is registered and not here");
        clock.advance(TrustSettings.DEFAULT_GRACE.plusSeconds(1));
        impostor.awaitContaining("you did not identify for ada within 30 s; you are now guest");
        witness.await(line -> line.contains("ada (") && line.contains("is now known as guest"), "the rename");
        assertThat(log).anyMatch(line -> line.startsWith("grace over: ") && line.contains(" ada -> guest"));
    }

    @Test
    void wrongPasswordsAreRefusedAndThenRateLimitedPerAddress() throws IOException {
        InetSocketAddress address = startInMemory();
        registeredAndGone(address, "ada");
        ChatClient guesser = join(address);
        for (int i = 0; i < TrustSettings.DEFAULT_WRONG_PASSWORDS.burst(); i++) {
            guesser.send("/identify ada guess" + i);
            guesser.awaitContaining("!! wrong password for ada");
        }
        guesser.send("/identify ada " + PASSWORD);
        guesser.awaitContaining("too many wrong passwords from your address; try again in");
        ChatClient sameAddress = join(address);
        sameAddress.send("/identify ada " + PASSWORD);
        sameAddress.awaitContaining("too many wrong passwords from your address");
        ChatClient elsewhere = from(address, "127.0.0.2");
        elsewhere.send("/identify ada " + PASSWORD);
        elsewhere.awaitContaining("you are identified as ada");
        assertThat(log).filteredOn(line -> line.startsWith("wrong password for ada from 127.0.0.1:")).hasSize(5);
    }

    @Test
    void dropNeedsThePasswordAndFreesTheNick() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient ada = registered(address, "ada");
        ada.send("/drop not-the-password");
        ada.awaitContaining("!! wrong password for ada");
        ada.send("/drop " + PASSWORD);
        ada.awaitContaining("ada is no longer registered");
        ada.send("/nick ada_2");
        ada.awaitContaining("is now known as ada_2");
        ChatClient other = join(address);
        other.send("/nick ada");
        other.awaitContaining("is now known as ada");
        other.send("/msg ada_3 anyone");
        other.awaitContaining("!! no one here is called ada_3");
        other.send("/identify " + PASSWORD);
        other.awaitContaining("!! ada is not registered");
        assertThat(other.seen()).noneMatch(line -> line.contains("registered nick"));
    }

    @Test
    void privateMessagesWaitOnlyForRegisteredNicksAndOnlyUpToTheCap() throws IOException {
        TrustSettings trust = trust(new MemoryTrustStore()).withKeptPerNick(2);
        InetSocketAddress address = startWith(trust);
        registeredAndGone(address, "ada");
        ChatClient bob = join(address);
        bob.send("/msg ada first");
        bob.awaitContaining("the message is kept until ada identifies");
        bob.send("/msg ada second");
        bob.awaitContaining("the message is kept until ada identifies");
        bob.send("/msg ada third");
        bob.awaitContaining("!! ada has 2 messages waiting, the most kept; this one was not kept");
        bob.send("/msg nobody hello");
        bob.awaitContaining("!! no one here is called nobody");

        ChatClient ada = join(address);
        ada.send("/identify ada " + PASSWORD);
        ada.awaitContaining("2 private messages were kept for you:");
        String first = ada.awaitContaining("first");
        assertThat(first).contains("*guest2@" + bob.address() + " -> ada* first");
        ada.awaitContaining("second");
        ada.send("/quit");
        assertThat(ada.readToEnd()).noneMatch(line -> line.contains("third"));

        ChatClient again = join(address); // delivered once: nothing waits any more
        again.send("/identify ada " + PASSWORD);
        again.awaitContaining("you are identified as ada");
        again.send("/who");
        again.awaitContaining("in #lobby");
        assertThat(again.seen()).noneMatch(line -> line.contains("kept for you"));
    }

    @Test
    void aFullHashingPoolAnswersBusyAndNothingWaitsForIt() throws IOException, InterruptedException {
        // One thread, one place in the queue, both taken by tasks that wait for the test: the pool is full.
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocker = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        full.execute(blocker);
        full.execute(blocker);
        InetSocketAddress address = startWith(trust(new MemoryTrustStore())
                .withHashing(new PasswordHasher(PasswordHasher.OWASP_MINIMUM), full));
        try {
            ChatClient a = join(address);
            a.send("/nick ada");
            a.send("/register " + PASSWORD);
            a.awaitContaining("!! the server is busy checking passwords; try again in a moment");
            a.send("still talking");
            a.awaitContaining("> still talking");
            release.countDown();
            // Both blockers done means the queue is empty: the next check has a place, whatever the thread does.
            await().atMost(ChatClient.PATIENCE).until(() -> full.getCompletedTaskCount() == 2);
            a.send("/register " + PASSWORD);
            a.awaitContaining("ada is registered to you");
        } finally {
            release.countDown();
            full.shutdown();
        }
    }

    @Test
    void aNonOperatorIsRefusedEveryOperatorCommand() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient victim = join(address);
        ChatClient pretender = join(address);
        pretender.send("/nick op");
        pretender.awaitContaining("is now known as op");
        for (String command : List.of("/kick guest1", "/ban guest1", "/ban 127.0.0.1", "/unban guest1", "/bans",
                "/mute guest1", "/unmute guest1", "/topic mine now")) {
            pretender.send(command);
            String name = command.substring(1).split(" ")[0];
            pretender.awaitContaining("!! /" + name + (name.equals("topic") ? " TEXT" : "") + " is for operators");
        }
        victim.send("still here");
        pretender.awaitContaining("> still here");
        assertThat(log).noneMatch(line -> line.startsWith("kick ") || line.startsWith("ban ") || line.startsWith("mute "));
    }

    @Test
    void anOperatorKicksAndMutesAndEveryActionIsLoggedWithWhoDidIt() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient op = operator(address);
        ChatClient loud = join(address);
        ChatClient witness = join(address);
        op.send("/help");
        op.awaitContaining("Operator commands");
        op.send("/mute guest2 10m");
        op.awaitContaining("muted guest2 until");
        loud.awaitContaining("you were muted by op until");
        loud.send("/msg op psst");
        loud.awaitContaining("!! you are muted until");
        loud.send("shouting");
        loud.awaitContaining("!! you are muted until");
        loud.send("/nick loud"); // the mute follows the nick
        loud.awaitContaining("is now known as loud");
        loud.send("shouting again");
        loud.awaitContaining("!! you are muted");
        op.send("/unmute loud");
        loud.awaitContaining("you may speak again");
        loud.send("sorry");
        witness.awaitContaining("> sorry");
        assertThat(witness.seen()).noneMatch(line -> line.contains("shouting"));

        op.send("/kick loud enough");
        loud.awaitContaining("!! kicked by op: enough");
        loud.awaitClosedByServer();
        witness.awaitContaining("left #lobby (kicked by op: enough)");
        assertThat(log).anyMatch(line -> line.startsWith("mute guest2 by op@"))
                .anyMatch(line -> line.startsWith("unmute loud by op@"))
                .anyMatch(line -> line.startsWith("kick loud@") && line.contains(" by op@") && line.endsWith(": enough"));
    }

    @Test
    void bansByNickAddressAndRangeHoldAtConnectAndOnNickChangeUntilTheyRunOut() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient op = operator(address);
        ChatClient troll = join(address);
        troll.send("/nick troll");
        troll.awaitContaining("is now known as troll");
        op.send("/ban troll 10m spam");
        troll.awaitContaining("!! banned by op until");
        troll.awaitClosedByServer();
        ChatClient again = join(address);
        again.send("/nick TROLL");
        again.awaitContaining("!! nick TROLL is banned until");

        ChatClient two = from(address, "127.0.0.2");
        op.send("/ban 127.0.0.2 flood");
        two.awaitContaining("!! banned by op: flood");
        two.awaitClosedByServer();
        ChatClient refused = connect(ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.2")));
        assertThat(refused.readToEnd()).singleElement().asString()
                .contains("!! you are banned from this server: flood");

        op.send("/ban 127.0.0.4/30");
        op.awaitContaining("banned 127.0.0.4/30");
        ChatClient inRange = connect(ChatClient.connectFrom(address, InetAddress.getByName("127.0.0.6")));
        assertThat(inRange.readToEnd()).singleElement().asString().contains("you are banned from this server");
        from(address, "127.0.0.8").send("outside the range");

        op.send("/bans");
        op.awaitContaining("3 bans:");
        op.send("/unban 127.0.0.2");
        op.awaitContaining("lifted the ban on 127.0.0.2");
        from(address, "127.0.0.2");

        clock.advance(Duration.ofMinutes(11)); // the nick ban ran out; the tick lifts it
        again.send("/nick troll");
        again.awaitContaining("is now known as troll");
        assertThat(log).anyMatch(line -> line.startsWith("ban troll by op@") && line.endsWith(": spam"))
                .anyMatch(line -> line.startsWith("ban 127.0.0.4/30 by op@"))
                .anyMatch(line -> line.startsWith("unban 127.0.0.2 by op@"))
                // Refused connections are counted, not logged one by one (a storm would fill the log).
                .noneMatch(line -> line.startsWith("refused 127.0.0.6"));
    }

    @Test
    void topicsMotdAndAway() throws IOException {
        InetSocketAddress address = startInMemory();
        ChatClient op = operator(address);
        assertThat(op.seen()).anyMatch(line -> line.endsWith("-- be kind")).anyMatch(line -> line.endsWith("-- no spam"));
        op.send("/topic");
        op.awaitContaining("#lobby has no topic");
        op.send("/topic release day: be gentle");
        op.awaitContaining("op set the topic of #lobby: release day: be gentle");
        ChatClient newcomer = join(address);
        newcomer.awaitContaining("topic of #lobby: release day: be gentle (set by op at");
        newcomer.send("/topic");
        newcomer.awaitContaining("topic of #lobby: release day: be gentle");

        op.send("/away at lunch");
        op.awaitContaining("you are away: at lunch");
        newcomer.send("/who");
        newcomer.awaitContaining("away: op (at lunch)");
        newcomer.send("/msg op are you there");
        newcomer.awaitContaining("op is away: at lunch");
        newcomer.send("/msg op still there?");
        op.awaitContaining("still there?");
        newcomer.send("/msg guest2 marker"); // to themself: the line after the second message
        newcomer.awaitContaining("marker");
        assertThat(newcomer.seen()).filteredOn(line -> line.contains("op is away")).hasSize(1);
        op.send("/away");
        op.awaitContaining("you are back");
        assertThat(log).anyMatch(line -> line.startsWith("topic #lobby by op@"));
    }

    @Test
    void accountsBansAndTopicsOutliveARestartOnTheSameFile() throws IOException, InterruptedException {
        InetSocketAddress address = startOnDisk();
        ChatClient op = operator(address);
        op.send("/topic kept on disk");
        op.awaitContaining("op set the topic");
        op.send("/ban troll");
        op.awaitContaining("banned troll");
        ChatClient ada = registered(address, "ada");
        ada.send("/quit");
        ada.readToEnd();
        op.send("/msg ada while you were out");
        op.awaitContaining("the message is kept");
        op.send("/quit");
        op.readToEnd();
        stopTheServer();

        address = startOnDisk();
        ChatClient back = join(address);
        back.awaitContaining("topic of #lobby: kept on disk (set by op");
        back.send("/identify ada " + PASSWORD);
        back.awaitContaining("you are identified as ada");
        back.awaitContaining("while you were out");
        back.send("/nick troll");
        back.awaitContaining("!! nick troll is banned");
        back.send("/identify op wrong-password");
        back.awaitContaining("!! wrong password for op");
    }
}
