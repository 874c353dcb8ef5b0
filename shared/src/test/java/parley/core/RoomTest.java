package parley.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

class RoomTest {

    private static ChatEvent.Spoken said(int i) {
        return new ChatEvent.Message("r", Instant.EPOCH.plusSeconds(i), new Member("a", "b"), "m" + i, false);
    }

    @Test
    void keepsTheNewestHistoryInOrder() {
        Room room = new Room("r", 3);
        IntStream.rangeClosed(1, 5).forEach(i -> room.remember(said(i)));
        assertThat(room.history()).extracting(ChatEvent.Spoken::text).containsExactly("m3", "m4", "m5");
    }

    @Test
    void historySizeZeroKeepsNothing() {
        Room room = new Room("r", 0);
        room.remember(said(1));
        assertThat(room.history()).isEmpty();
    }

    @Test
    void historyIsACopy() {
        Room room = new Room("r", 3);
        room.remember(said(1));
        room.history().clear();
        assertThat(room.history()).hasSize(1);
    }

    @Test
    void membersInJoinOrder() {
        Room room = new Room("r", 3);
        Session x = new Session("1.1.1.1:1", new RecordingOutbound(), "x");
        Session y = new Session("1.1.1.1:2", new RecordingOutbound(), "y");
        assertThat(room.isEmpty()).isTrue();
        room.add(y);
        room.add(x);
        room.add(y);
        assertThat(room.members()).containsExactly(y, x);
        room.remove(y);
        assertThat(room.members()).containsExactly(x);
        room.remove(x);
        assertThat(room.isEmpty()).isTrue();
    }
}
