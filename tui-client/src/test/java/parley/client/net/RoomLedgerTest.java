package parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.client.testing.FakeServer.T0;
import static parley.client.testing.FakeServer.message;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.client.testing.FakeServer;
import parley.protocol.ChatEvent;
import parley.protocol.Command;
import parley.protocol.HistoryBatch;

/** The ledger alone, fed as the link feeds it: no socket, every order the server may send things in. */
class RoomLedgerTest {

    private final RoomLedger ledger = new RoomLedger();
    private final List<String> shown = new ArrayList<>();
    private final List<String> older = new ArrayList<>();
    private final LinkListener out = new LinkListener() {
        @Override
        public void received(ChatEvent event) {
            shown.add(describe(event));
        }

        @Override
        public void older(HistoryBatch end, List<ChatEvent.Spoken> lines) {
            lines.forEach(line -> older.add(describe(line)));
        }

        @Override
        public void changed(LinkState state, String detail) {
        }
    };

    private static String describe(ChatEvent e) {
        if (e instanceof ChatEvent.Spoken s) {
            return s.id() + ":" + s.text();
        }
        return e instanceof ChatEvent.Info i ? "-- " + i.text() : e.getClass().getSimpleName();
    }

    private static HistoryBatch frame(boolean start, int lines, long more, Command.History.Direction d, long id,
                                      int limit) {
        return new HistoryBatch("lobby", T0, start, lines, more, new Command.History(d, id, limit));
    }

    private void live(long id, String text) {
        ledger.event(message("lobby", "bob", text, id, false), out);
    }

    private void replayed(long id, String text) {
        ledger.event(message("lobby", "bob", text, id, true), out);
    }

    @Test
    void aLineIsHandedOnOnceHoweverOftenItComes() {
        live(1, "one");
        replayed(1, "one");
        live(2, "two");
        ledger.event(FakeServer.message("lobby", "bob", "no id"), out);
        ledger.event(FakeServer.message("lobby", "bob", "no id"), out);

        assertThat(shown).containsExactly("1:one", "2:two", "0:no id", "0:no id");
        assertThat(ledger.lastSeen("LOBBY")).isEqualTo(2);
    }

    @Test
    void nothingSeenMeansNothingToCatchUpOn() {
        assertThat(ledger.catchUp("lobby", out)).isEmpty();
    }

    @Test
    void aCatchUpHoldsLiveLinesThatOvertakeThePageAndShowsEverythingOnceInOrder() {
        live(10, "before the loss");
        assertThat(ledger.catchUp("lobby", out)).contains("/history since 10 500");
        // The reconnect's replay (last lines, some seen), a live line said during the read, then the page.
        replayed(9, "old");
        replayed(10, "before the loss");
        replayed(12, "missed a");
        live(20, "said during the read");
        Command.History.Direction since = Command.History.Direction.SINCE;
        ledger.frame(frame(true, 2, 0, since, 10, 500), out);
        ledger.event(message("lobby", "bob", "missed a", 12, true), out);
        ledger.event(message("lobby", "bob", "missed b", 15, true), out);
        assertThat(shown).containsExactly("10:before the loss");
        ledger.frame(frame(false, 2, 0, since, 10, 500), out);
        live(21, "after");

        assertThat(shown).containsExactly("10:before the loss", "-- 2 messages while you were away",
                "12:missed a", "15:missed b", "20:said during the read", "21:after");
    }

    @Test
    void aCappedCatchUpSaysHowManyWereLeftOut() {
        HistoryBatch end = frame(false, 500, 1234, Command.History.Direction.SINCE, 10, 500);
        assertThat(RoomLedger.awaySummary(end)).startsWith("more than 500 messages while you were away (1234 older");
        assertThat(RoomLedger.awaySummary(frame(false, 1, 0, Command.History.Direction.SINCE, 10, 500)))
                .isEqualTo("1 message while you were away");
    }

    @Test
    void aFailedCatchUpLetsTheHeldLinesGoInOrder() {
        live(10, "seen");
        ledger.catchUp("lobby", out);
        live(30, "b");
        live(25, "a");
        ledger.event(new ChatEvent.Error("lobby", T0, "the server is busy reading history; ask again in a moment"),
                out);
        live(31, "c");

        assertThat(shown).containsExactly("10:seen", "Error", "25:a", "30:b", "31:c");
    }

    @Test
    void aSecondCatchUpLetsTheFirstOnesHeldLinesGoFirst() {
        live(10, "seen");
        ledger.event(message("rust", "bob", "rust seen", 11, false), out);
        ledger.catchUp("lobby", out);
        live(12, "held in the lobby");
        assertThat(ledger.catchUp("rust", out)).contains("/history since 11 500");

        assertThat(shown).containsExactly("10:seen", "11:rust seen", "12:held in the lobby");
    }

    @Test
    void aLostSessionHandsOnWhatWasHeld() {
        live(10, "seen");
        ledger.catchUp("lobby", out);
        live(11, "held");
        ledger.sessionEnded(out);

        assertThat(shown).containsExactly("10:seen", "11:held");
    }

    @Test
    void aPageOfOlderLinesArrivesAsOnePieceWithoutHoldingOthers() {
        live(50, "new");
        Command.History.Direction before = Command.History.Direction.BEFORE;
        ledger.frame(frame(true, 2, 7, before, 50, 100), out);
        replayed(40, "older a");
        replayed(45, "older b");
        ledger.frame(frame(false, 2, 7, before, 50, 100), out);
        live(51, "newer");

        assertThat(older).containsExactly("40:older a", "45:older b");
        assertThat(shown).containsExactly("50:new", "51:newer");
    }
}
