package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The core's limits on what one person can do to others: the idle timeout, the nick delay, private messages
 * bound to their recipient when read, the cap on private traffic, and shedding under output pressure. A clock
 * moved by hand, fake connections.
 */
class SessionLimitsTest {

    private static final String T = "[12:00:00] ";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private final List<String> log = new ArrayList<>();
    private ChatCore core = new ChatCore(clock, log::add);

    private final class Client {
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;

        Client(String address) {
            session = core.connect(address, out);
            out.newLines();
        }

        void says(String line) {
            core.receive(session, line);
        }

        List<String> newLines() {
            return out.newLines();
        }
    }

    private void limits(SessionLimits limits) {
        core = new ChatCore(clock, log::add, CoreSettings.defaults().withSessionLimits(limits));
    }

    // ---- idle timeout ---------------------------------------------------------------------------------------

    @Test
    void aConnectionThatNeverSendsALineIsClosedAfterTheTimeoutAndToldWhy() {
        Client silent = new Client("10.0.0.1:1001");
        Client talker = new Client("10.0.0.2:1002");
        talker.says("hello");
        clock.advance(Duration.ofSeconds(59));
        core.tick();
        assertThat(silent.out.closeReasons).isEmpty();
        silent.newLines();
        clock.advance(Duration.ofSeconds(2));
        core.tick();
        assertThat(silent.newLines()).containsExactly("[12:01:01] !! no line received in 60 s; closing");
        assertThat(silent.out.closeReasons).containsExactly("no line received in 60 s; closing");
        assertThat(talker.out.closeReasons).as("one line is enough").isEmpty();
        assertThat(core.sessionCount()).isEqualTo(1);
    }

    @Test
    void anIdleTimeoutOfZeroClosesNobody() {
        limits(SessionLimits.defaults().withIdleTimeout(Duration.ZERO));
        Client silent = new Client("10.0.0.1:1001");
        clock.advance(Duration.ofHours(1));
        core.tick();
        assertThat(silent.out.closeReasons).isEmpty();
    }

    // ---- nick delay -----------------------------------------------------------------------------------------

    @Test
    void aNickGivenUpIsNotTakenFromAnotherAddressUntilTheDelayHasPassed() {
        Client bob = new Client("10.0.0.1:1001");
        Client mallory = new Client("10.0.0.66:6666");
        bob.says("/nick bob");
        bob.says("/quit");
        mallory.newLines();
        mallory.says("/nick bob");
        assertThat(mallory.newLines()).singleElement().asString()
                .contains("nick bob was given up a moment ago; it is free in 10 s; you are still guest2");
        clock.advance(Duration.ofSeconds(9));
        mallory.says("/nick BOB");
        assertThat(mallory.newLines()).singleElement().asString().contains("free in 1 s");
        clock.advance(Duration.ofSeconds(1));
        mallory.says("/nick bob");
        assertThat(mallory.newLines()).singleElement().asString().contains("guest2 (10.0.0.66:6666) is now known as bob");
    }

    @Test
    void theSameAddressMayTakeItsNickBackAtOnce() {
        Client bob = new Client("10.0.0.1:1001");
        bob.says("/nick bob");
        core.disconnect(bob.session, "connection reset");
        Client again = new Client("10.0.0.1:2002");
        again.says("/nick bob");
        assertThat(again.newLines()).singleElement().asString().contains("is now known as bob");
    }

    @Test
    void aNickLeftByARenameIsHeldToo() {
        Client bob = new Client("10.0.0.1:1001");
        Client mallory = new Client("10.0.0.66:6666");
        bob.says("/nick bob");
        bob.says("/nick robert");
        mallory.newLines();
        mallory.says("/nick bob");
        assertThat(mallory.newLines()).singleElement().asString().contains("was given up a moment ago");
    }

    // ---- private messages bound when read -------------------------------------------------------------------

    @Test
    void aPrivateMessageReadBeforeItsRecipientQuitNeverReachesTheNextHolderOfTheNick() {
        limits(SessionLimits.defaults().withNickDelay(Duration.ZERO)); // the binding alone must be enough
        Client alice = new Client("10.0.0.1:1001");
        Client bob = new Client("10.0.0.2:1002");
        bob.says("/nick bob");
        ReadLine waiting = core.read(alice.session, "/msg bob for your eyes only"); // read, then rate-limited
        assertThat(core.privateMessagesWaiting()).isEqualTo(1);
        bob.says("/quit");
        Client mallory = new Client("10.0.0.66:6666");
        mallory.says("/nick bob");
        mallory.newLines();
        alice.newLines();
        core.receive(alice.session, waiting);
        assertThat(core.privateMessagesWaiting()).isZero();
        assertThat(mallory.newLines()).isEmpty();
        assertThat(alice.newLines()).singleElement().asString()
                .contains("!! bob left before your message could be delivered; it was not sent");
    }

    @Test
    void aPrivateMessageFollowsItsRecipientThroughANickChange() {
        Client alice = new Client("10.0.0.1:1001");
        Client bob = new Client("10.0.0.2:1002");
        bob.says("/nick bob");
        ReadLine waiting = core.read(alice.session, "/msg bob still for you");
        bob.says("/nick robert");
        bob.newLines();
        core.receive(alice.session, waiting);
        assertThat(bob.newLines()).singleElement().asString().endsWith("-> robert* still for you");
    }

    // ---- cap on private traffic -----------------------------------------------------------------------------

    @Test
    void privateLinesToOnePersonFromEveryoneTogetherAreCappedAndTheSendersToldWhy() {
        Client victim = new Client("10.0.0.1:1001");
        List<Client> senders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            senders.add(new Client("10.0.1." + i + ":2000"));
        }
        victim.newLines();
        int refused = 0;
        for (int round = 0; round < 5; round++) {
            for (Client s : senders) {
                s.says("/msg guest1 hi");
                refused += s.newLines().stream().filter(l -> l.contains("is receiving more private messages than "
                        + "they can read; this one was not sent")).count();
            }
        }
        assertThat(victim.newLines()).hasSize(SessionLimits.DEFAULT_PRIVATE_LINES.burst());
        assertThat(refused).isEqualTo(25 - SessionLimits.DEFAULT_PRIVATE_LINES.burst());
        clock.advance(Duration.ofSeconds(1));
        senders.get(0).says("/msg guest1 again");
        assertThat(victim.newLines()).singleElement().asString().endsWith("again");
    }

    @Test
    void privateBytesToOnePersonAreCappedToo() {
        Client victim = new Client("10.0.0.1:1001");
        Client sender = new Client("10.0.0.2:1002");
        victim.newLines();
        String big = "x".repeat(4000);
        for (int i = 0; i < 9; i++) {
            sender.says("/msg guest1 " + big);
        }
        assertThat(victim.newLines()).as("32 KiB of burst holds 8 of 4000 bytes").hasSize(8);
        assertThat(sender.newLines()).filteredOn(l -> l.contains("was not sent")).hasSize(1);
    }

    @Test
    void messagesToYourselfAreNotCounted() {
        Client alone = new Client("10.0.0.1:1001");
        for (int i = 0; i < 30; i++) {
            alone.says("/msg guest1 note " + i);
        }
        assertThat(alone.newLines()).hasSize(30).noneMatch(l -> l.contains("!!"));
    }

    // ---- shedding under output pressure ---------------------------------------------------------------------

    @Test
    void underOutputPressureHistoryReplaysAreRefusedAsBusyAndComeBackAfter() {
        AtomicBoolean pressure = new AtomicBoolean();
        core.shedWhen(pressure::get);
        Client a = new Client("10.0.0.1:1001");
        a.says("remember me");
        pressure.set(true);
        RecordingOutbound newcomer = new RecordingOutbound();
        core.connect("10.0.0.2:1002", newcomer);
        assertThat(newcomer.newLines()).noneMatch(l -> l.contains("remember me"))
                .contains(T + "!! " + ChatCore.BUSY);
        a.newLines();
        a.says("/history");
        assertThat(a.newLines()).containsExactly(T + "!! " + ChatCore.BUSY);
        pressure.set(false);
        a.says("/history");
        assertThat(a.newLines()).anyMatch(l -> l.contains("remember me"));
    }

    @Test
    void underOutputPressurePresenceSummariesWaitAndAreSentWhenItPasses() {
        AtomicBoolean pressure = new AtomicBoolean();
        core = new ChatCore(clock, log::add, CoreSettings.defaults().withPresenceLimit(2));
        core.shedWhen(pressure::get);
        Client a = new Client("10.0.0.1:1001");
        new Client("10.0.0.2:1002").says("hi");
        a.says("hi");
        new Client("10.0.0.3:1003").says("hi");
        a.newLines();
        pressure.set(true);
        clock.advance(Duration.ofSeconds(10));
        core.tick();
        assertThat(a.newLines()).isEmpty();
        pressure.set(false);
        core.tick();
        assertThat(a.newLines()).singleElement().asString().contains("1 joined");
    }
}
