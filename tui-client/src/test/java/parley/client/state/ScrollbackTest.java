package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScrollbackTest {

    private static final Instant T = Instant.parse("2026-11-26T09:05:00Z");
    private final EntryFormat format = new EntryFormat(ZoneOffset.UTC, "HH:mm");

    private void fill(MessageLog log, Scrollback scroll, int from, int to) {
        for (int i = from; i <= to; i++) {
            LogEntry e = format.note(T, "n" + i);
            log.append(e);
            scroll.appended(e);
        }
    }

    @Test
    void keepsAtLeastFiveThousandLinesAndCanScrollToTheOldest() {
        MessageLog log = new MessageLog(MessageLog.DEFAULT_CAPACITY);
        Scrollback scroll = new Scrollback(log);
        scroll.resize(40, 10);
        fill(log, scroll, 1, 6000);
        assertThat(log.size()).isEqualTo(6000);

        scroll.scrollUp(100_000);
        assertThat(scroll.visibleRows().get(0).text()).isEqualTo("09:05 -- n1");
        assertThat(scroll.visibleRows()).hasSize(9);
    }

    @Test
    void aHeldViewSurvivesOldLinesBeingDropped() {
        MessageLog log = new MessageLog(20);
        Scrollback scroll = new Scrollback(log);
        scroll.resize(40, 5);
        fill(log, scroll, 1, 20);
        scroll.scrollUp(3);
        String bottom = scroll.visibleRows().get(3).text();
        assertThat(bottom).isEqualTo("09:05 -- n17");

        fill(log, scroll, 21, 22);       // trims nothing yet (slack), the view stays
        assertThat(scroll.visibleRows().get(3).text()).isEqualTo(bottom);
        assertThat(scroll.newBelow()).isEqualTo(2);

        fill(log, scroll, 23, 40);       // n17 itself is dropped: the view moves to the oldest kept line
        assertThat(scroll.following()).isFalse();
        assertThat(scroll.visibleRows().get(scroll.visibleRows().size() - 1).text())
                .isEqualTo("09:05 -- n" + (41 - log.size()));
    }

    @Test
    void aShortLogCannotBeScrolled() {
        MessageLog log = new MessageLog(100);
        Scrollback scroll = new Scrollback(log);
        scroll.resize(40, 10);
        fill(log, scroll, 1, 3);
        scroll.pageUp();
        assertThat(scroll.following()).isTrue();
        assertThat(scroll.visibleRows()).hasSize(3);
    }

    @Test
    void scrollingDownPastTheEndFollowsAgain() {
        MessageLog log = new MessageLog(100);
        Scrollback scroll = new Scrollback(log);
        scroll.resize(40, 5);
        fill(log, scroll, 1, 30);
        scroll.pageUp();
        scroll.pageUp();
        assertThat(scroll.following()).isFalse();
        scroll.pageDown();
        scroll.pageDown();
        scroll.pageDown();
        assertThat(scroll.following()).isTrue();
        assertThat(scroll.visibleRows().get(4).text()).isEqualTo("09:05 -- n30");
    }
}
