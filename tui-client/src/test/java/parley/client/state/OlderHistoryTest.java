package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import parley.client.net.LinkState;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;
import parley.protocol.Member;

/** PgUp at the top of the scrollback: the page before the oldest line is asked for and put above it. */
class OlderHistoryTest {

    private static final Instant T = Instant.parse("2026-11-26T09:05:00Z");
    private final ClientState state = new ClientState(ZoneOffset.UTC, "host:1");

    private static ChatEvent.Message said(long id) {
        return new ChatEvent.Message("lobby", T, new Member("bob", "1.2.3.4:5"), "line " + id, true, id);
    }

    private static HistoryBatch end(long before, int lines, long more) {
        return new HistoryBatch("lobby", T, false, lines, more,
                new Command.History(Command.History.Direction.BEFORE, before, ClientState.OLDER_PAGE));
    }

    private List<String> screen() {
        return state.scroll().visibleRows().stream().map(Row::text).map(String::strip).toList();
    }

    @BeforeEach
    void thirtyLinesInATenRowPane() {
        state.onConnection(LinkState.CONNECTED, "", T);
        state.onEvent(new ChatEvent.Welcome("lobby", T, new Member("alice", "1.2.3.4:6"), "hi"));
        LongStream.rangeClosed(100, 129).forEach(id -> state.onEvent(said(id)));
        state.scroll().resize(80, 10);
    }

    @Test
    void theTopAsksForThePageBeforeTheOldestLineOnceAndItsLinesGoAboveWithoutMovingThePane() {
        assertThat(state.scroll().atTop()).isFalse();
        while (!state.scroll().atTop()) {
            state.scroll().pageUp();
        }
        List<String> reading = screen();
        assertThat(state.olderWanted()).contains("/history before 100 100");
        assertThat(state.olderWanted()).as("one page at a time").isEmpty();

        state.onOlder(end(100, 3, 40), List.of(said(97), said(98), said(99)));

        assertThat(screen()).as("what the person reads stays put").isEqualTo(reading);
        assertThat(state.scroll().atTop()).isFalse();
        state.scroll().pageUp();
        assertThat(screen()).anyMatch(row -> row.endsWith("<bob> line 97"));
        assertThat(state.olderWanted()).contains("/history before 97 100");
    }

    @Test
    void theRoomsFirstLineEndsTheAskingAndIsMarked() {
        assertThat(state.olderWanted()).isPresent();
        state.onOlder(end(100, 2, 0), List.of(said(98), said(99)));

        assertThat(state.log().get(0).body()).isEqualTo("--- the beginning of #lobby ---");
        assertThat(state.log().get(1).body()).isEqualTo("line 98");
        assertThat(state.olderWanted()).isEmpty();
    }

    @Test
    void aLineAlreadyShownIsNotPutAboveAgainAndARefusalLetsPgUpAskAgain() {
        state.olderWanted();
        state.onEvent(new ChatEvent.Error("lobby", T, "the server is busy reading history; ask again in a moment"));
        assertThat(state.olderWanted()).contains("/history before 100 100");

        int before = state.log().size();
        state.onOlder(end(100, 2, 5), List.of(said(99), said(100)));
        assertThat(state.log().size()).isEqualTo(before + 1);
    }
}
