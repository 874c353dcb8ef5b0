package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.history.MemoryHistoryStore;
import parley.trust.PasswordHasher;

/**
 * The rules of registration with no sockets: hashing runs on the calling thread (cheap parameters), so every
 * answer is there when {@code says} returns. The contract (TrustContract) covers the same over real sockets.
 */
class AccountsTest {

    private static final String T = "[12:00:00] ";

    private final List<String> log = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private ChatCore core;
    private int clients;

    private final class Client {
        final RecordingOutbound out = new RecordingOutbound();
        final Session session;

        Client() {
            clients++;
            session = core.connect("10.0.0." + clients + ":100" + clients, out);
            out.newLines();
        }

        List<String> says(String line) {
            core.receive(session, line);
            return out.newLines();
        }
    }

    @BeforeEach
    void setUp() {
        TrustSettings trust = TrustSettings.inMemory().withHashing(new PasswordHasher(PasswordHasher.FOR_TESTS), Runnable::run);
        // No nick delay: these tests hand a nick to someone else at once (the delay has SessionLimitsTest).
        CoreSettings settings = CoreSettings.defaults()
                .withSessionLimits(SessionLimits.defaults().withNickDelay(Duration.ZERO));
        core = new ChatCore(clock, log::add, settings, new MemoryHistoryStore(10, 10), Runnable::run, trust);
    }

    private Client registered(String nick) {
        Client c = new Client();
        c.says("/nick " + nick);
        assertThat(c.says("/register long-enough")).contains(T + "-- " + nick
                + " is registered to you; next time /identify PASSWORD, or connect with parley client --nick " + nick
                + " --password-file FILE");
        return c;
    }

    @Test
    void guestNicksShortPasswordsAndSecondRegistrationsAreRefused() {
        Client c = new Client();
        assertThat(c.says("/register long-enough")).containsExactly(
                T + "!! guest nicks cannot be registered; choose a nick with /nick first");
        c.says("/nick ada");
        assertThat(c.says("/register short")).containsExactly(T + "!! a password has 8 to 256 characters");
        c.says("/register long-enough");
        assertThat(c.says("/register long-enough")).containsExactly(T + "!! ada is already registered");
    }

    @Test
    void aRegisteredLookAlikeOfAGuestNickIsNeverHandedOut() {
        registered("guestl2").says("/quit"); // reads as guest12: the look-alike key of both is "guestl2"
        for (int i = 2; i <= 11; i++) {
            assertThat(new Client().session.nick()).isEqualTo("guest" + i);
        }
        Client twelfth = new Client();
        assertThat(twelfth.session.nick()).isEqualTo("guest13");
        assertThat(twelfth.says("/who")).noneMatch(line -> line.contains("registered nick"));
    }

    @Test
    void dropNeedsIdentificationFirst() {
        registered("ada").says("/quit");
        Client other = new Client();
        other.says("/nick ada");
        assertThat(other.says("/drop long-enough")).containsExactly(T + "!! identify as ada first");
        other.says("/identify long-enough");
        assertThat(other.says("/drop long-enough")).containsExactly(T + "-- ada is no longer registered");
        clock.advance(TrustSettings.DEFAULT_GRACE.multipliedBy(2));
        core.tick();
        assertThat(other.session.nick()).isEqualTo("ada");
    }

    @Test
    void theGracePeriodEndsOnlyOnTheTickAfterItsDeadline() {
        registered("ada").says("/quit");
        Client holder = new Client();
        holder.says("/nick ada");
        clock.advance(TrustSettings.DEFAULT_GRACE.minusSeconds(1));
        core.tick();
        assertThat(holder.session.nick()).isEqualTo("ada");
        clock.advance(java.time.Duration.ofSeconds(1));
        core.tick();
        assertThat(holder.session.nick()).startsWith("guest");
        assertThat(holder.out.newLines()).contains(
                T.replace("12:00:00", "12:00:30") + "-- you did not identify for ada within 30 s; you are now "
                        + holder.session.nick());
    }

    @Test
    void anOperatorStaysOneAcrossANickChangeAndIsListedInHelp() {
        TrustSettings trust = TrustSettings.inMemory().withHashing(new PasswordHasher(PasswordHasher.FOR_TESTS),
                Runnable::run).withOperators(java.util.Set.of("Root"));
        // No nick delay: these tests hand a nick to someone else at once (the delay has SessionLimitsTest).
        CoreSettings settings = CoreSettings.defaults()
                .withSessionLimits(SessionLimits.defaults().withNickDelay(Duration.ZERO));
        core = new ChatCore(clock, log::add, settings, new MemoryHistoryStore(10, 10), Runnable::run, trust);
        Client root = registered("root");
        root.says("/nick rooted");
        assertThat(root.says("/help")).anyMatch(line -> line.contains("Operator commands"));
        assertThat(root.says("/bans")).containsExactly(T + "-- no bans");
        Client other = new Client();
        assertThat(other.says("/help")).noneMatch(line -> line.contains("Operator commands"));
    }
}
