package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatCore#batch}: the room lines of one read reach each member as one run of bytes, and nobody sees
 * another order than without it: not a member who leaves or arrives in the middle, not a line to one member.
 */
class BatchTest {

    private static final String T = "[12:00:00] ";

    private ChatCore core;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        core = new ChatCore(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), log::add);
    }

    private final class Client {
        final RecordingOutbound out = new RecordingOutbound(true);
        final Session session;

        Client(int n) {
            session = core.connect("10.0.0." + n + ":100" + n, out);
            out.newLines();
        }

        void says(String line) {
            core.receive(session, line);
        }
    }

    @Test
    void aReadsLinesReachEachMemberAsOneRunInOrder() {
        Client a = new Client(1);
        Client b = new Client(2);
        a.out.newLines();
        int sendsBefore = b.out.buffers.size();
        long relayedBefore = core.counts().linesRelayed();
        core.batch(() -> {
            a.says("one");
            a.says("two");
            a.says("three");
        });
        assertThat(b.out.buffers).hasSize(sendsBefore + 1);
        List<String> said = List.of(T + "<guest1@10.0.0.1:1001> one", T + "<guest1@10.0.0.1:1001> two",
                T + "<guest1@10.0.0.1:1001> three");
        assertThat(b.out.newLines()).containsExactlyElementsOf(said);
        assertThat(a.out.newLines()).containsExactlyElementsOf(said);
        assertThat(core.counts().linesRelayed() - relayedBefore).as("three lines to two members").isEqualTo(6);
    }

    @Test
    void aLineToOneMemberInTheMiddleKeepsItsPlace() {
        Client a = new Client(1);
        Client b = new Client(2);
        a.out.newLines();
        b.out.newLines();
        core.batch(() -> {
            a.says("one");
            a.says("/nosuchcommand");
            a.says("two");
        });
        List<String> seen = a.out.newLines();
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).endsWith("> one");
        assertThat(seen.get(1)).contains("nosuchcommand");
        assertThat(seen.get(2)).endsWith("> two");
        assertThat(b.out.newLines()).extracting(l -> l.substring(l.lastIndexOf(' ') + 1)).containsExactly("one", "two");
    }

    @Test
    void aMemberWhoLeavesInTheMiddleGetsWhatWasSaidBeforeAndNothingAfter() {
        Client a = new Client(1);
        Client b = new Client(2);
        Client c = new Client(3);
        List.of(a, b, c).forEach(x -> x.out.newLines());
        core.batch(() -> {
            a.says("one");
            b.says("/join dev");
            a.says("two");
        });
        List<String> toB = b.out.newLines();
        assertThat(toB.get(0)).endsWith("> one");
        assertThat(toB).noneMatch(l -> l.endsWith("> two"));
        assertThat(c.out.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> one",
                T + "<- guest2 (10.0.0.2:1002) left #lobby (went to #dev)", T + "<guest1@10.0.0.1:1001> two");
    }

    @Test
    void aNewcomerInTheMiddleGetsItsWelcomeFirstAndOnlyTheLinesSaidAfterItCame() {
        Client a = new Client(1);
        Client b = new Client(2);
        a.out.newLines();
        b.out.newLines();
        List<Client> newcomer = new ArrayList<>();
        core.batch(() -> {
            a.says("one");
            newcomer.add(new Client(3));
            a.says("two");
        });
        assertThat(b.out.newLines()).containsExactly(T + "<guest1@10.0.0.1:1001> one",
                T + "-> guest3 (10.0.0.3:1003) joined #lobby", T + "<guest1@10.0.0.1:1001> two");
        // its welcome (the history in it included) was taken by the constructor; then its own join, and "two"
        assertThat(newcomer.get(0).out.newLines()).containsExactly(T + "-> guest3 (10.0.0.3:1003) joined #lobby",
                T + "<guest1@10.0.0.1:1001> two");
    }
}
