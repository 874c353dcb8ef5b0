package parley.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.core.MutableClock;

/** The bounded log on a clock the test moves: repeats held back and summed up once per interval and key. */
class BoundedLogTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T07:00:00Z"), ZoneOffset.UTC);
    private final List<String> lines = new ArrayList<>();
    private final BoundedLog log = new BoundedLog(new LogThrottle(Duration.ofSeconds(10), 5, 100),
            AddressPolicy.full(), LogFormat.text(ZoneOffset.UTC), clock, lines::add);

    private static LogEvent refused(String ip) {
        return LogEvent.info("refused", "{address}: {reason}").address("address", ip)
                .label("reason", "too many connections from your address");
    }

    private void write(LogEvent e) {
        log.write(clock.instant(), e);
    }

    @Test
    void aStormFromOneAddressIsFiveLinesAndOneSummaryPerInterval() {
        for (int i = 0; i < 5000; i++) {
            write(refused("10.0.0.1"));
            if (i % 500 == 0) {
                clock.advance(Duration.ofMillis(900)); // 9 s in all: still the first interval
                log.tick();
            }
        }
        assertThat(lines).hasSize(5).allMatch(l -> l.endsWith(" refused 10.0.0.1: too many connections from your address"));

        clock.advance(Duration.ofSeconds(1));
        log.tick();
        assertThat(lines).hasSize(6).last().isEqualTo("2026-11-29 07:00:10.000 refused 10.0.0.1 too many connections "
                + "from your address: 4995 more like this in the last 10 s");

        log.tick();
        assertThat(lines).as("a summary is written once").hasSize(6);
        write(refused("10.0.0.1"));
        assertThat(lines).as("a new interval writes again").hasSize(7);
    }

    @Test
    void keysAreNameLabelsAndIpButNotPortOrFreeText() {
        for (int port = 1000; port < 1010; port++) {
            write(LogEvent.info("connect", "{address} as {nick}").address("address", "10.0.0.1:" + port)
                    .nick("nick", "guest" + port));
        }
        for (int i = 0; i < 3; i++) {
            write(refused("10.0.0.2"));
            write(LogEvent.info("refused", "{address}: {reason}").address("address", "10.0.0.2")
                    .label("reason", "server full, try again later"));
        }
        assertThat(lines).as("5 connects, 3 refusals of each reason").hasSize(11);
        clock.advance(Duration.ofSeconds(10));
        log.tick();
        assertThat(lines).hasSize(12).last().asString()
                .endsWith(" connect 10.0.0.1: 5 more like this in the last 10 s");
    }

    @Test
    void anotherAddressIsNotHeldBackByOnesStorm() {
        for (int i = 0; i < 100; i++) {
            write(refused("10.0.0.1"));
        }
        write(refused("10.0.0.9"));
        assertThat(lines).hasSize(6).last().asString().contains("10.0.0.9");
    }

    @Test
    void pastTheKeyCapTheRestAreCountedTogether() {
        BoundedLog small = new BoundedLog(new LogThrottle(Duration.ofSeconds(10), 5, 3), AddressPolicy.full(),
                LogFormat.text(ZoneOffset.UTC), clock, lines::add);
        for (int i = 0; i < 10; i++) {
            small.write(clock.instant(), LogEvent.plain("distinct " + i));
        }
        assertThat(lines).containsExactly("2026-11-29 07:00:00.000 distinct 0", "2026-11-29 07:00:00.000 distinct 1",
                "2026-11-29 07:00:00.000 distinct 2");
        clock.advance(Duration.ofSeconds(10));
        small.tick();
        assertThat(lines).hasSize(4).last()
                .isEqualTo("2026-11-29 07:00:10.000 WARN 7 more lines of too many kinds to tell apart in the last 10 s");
    }

    @Test
    void closingWritesTheSummariesStillCounting() {
        for (int i = 0; i < 8; i++) {
            write(LogEvent.plain("accept failed: Too many open files"));
        }
        log.flushAll();
        assertThat(lines).hasSize(6).last().asString()
                .endsWith(" accept failed: Too many open files: 3 more like this in the last 10 s");
    }

    @Test
    void addressesAreShownAsThePolicySaysAlsoInSummaries() {
        List<String> hidden = new ArrayList<>();
        BoundedLog none = new BoundedLog(LogThrottle.defaults(), AddressPolicy.none(), LogFormat.text(ZoneOffset.UTC),
                clock, hidden::add);
        for (int i = 0; i < 7; i++) {
            none.write(clock.instant(), refused("10.0.0.1"));
        }
        none.flushAll();
        assertThat(hidden).hasSize(6).noneMatch(l -> l.contains("10.0.0.1"))
                .last().asString().contains("refused - too many connections from your address: 2 more");
    }
}
