package parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTest {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    private static StoredLine say(HistoryStore store, String room, String text) {
        return store.append(room, StoredLine.Kind.MESSAGE, NOW, "alice", "127.0.0.1", text);
    }

    private static List<Long> ids(List<StoredLine> lines) {
        return lines.stream().map(StoredLine::id).toList();
    }

    @Test
    void eachRoomKeepsItsLastLinesAndIdsAreServerWide() {
        MemoryHistoryStore store = new MemoryHistoryStore(3, 10);
        List<Long> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(say(store, "a", "a" + i).id());
            say(store, "b", "b" + i);
        }

        assertThat(ids(store.latest("a", 10))).isEqualTo(a.subList(2, 5));
        assertThat(a).containsExactly(1L, 3L, 5L, 7L, 9L);
        assertThat(store.latest("b", 10)).extracting(StoredLine::text).containsExactly("b2", "b3", "b4");
        assertThat(store.status()).isEqualTo(
                new HistoryStatus("memory, the last 3 lines per room", null, 10, 0, 0, 0, 10));
    }

    @Test
    void pagesBeforeAndAfterAnId() {
        MemoryHistoryStore store = new MemoryHistoryStore(50, 10);
        List<Long> a = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            a.add(say(store, "a", "a" + i).id());
        }

        assertThat(ids(store.before("a", a.get(5), 2))).isEqualTo(a.subList(3, 5));
        assertThat(ids(store.before("a", a.get(1), 5))).isEqualTo(a.subList(0, 1));
        assertThat(ids(store.after("a", a.get(5), 2))).isEqualTo(a.subList(6, 8));
        assertThat(store.after("a", a.get(9), 2)).isEmpty();
        assertThat(store.latest("nowhere", 2)).isEmpty();
        assertThatThrownBy(() -> store.after("a", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pastMaxRoomsTheRoomSpokenInLeastRecentlyIsForgotten() {
        MemoryHistoryStore store = new MemoryHistoryStore(5, 2);
        say(store, "a", "1");
        say(store, "b", "2");
        say(store, "a", "3");
        // Reading b does not count as use: b is still the least recently spoken in.
        store.latest("b", 5);
        say(store, "c", "4");

        assertThat(store.latest("b", 5)).isEmpty();
        assertThat(store.latest("a", 5)).extracting(StoredLine::text).containsExactly("1", "3");
        assertThat(store.latest("c", 5)).extracting(StoredLine::text).containsExactly("4");
    }

    @Test
    void withNoHistoryLinesStillGetIds() {
        MemoryHistoryStore store = new MemoryHistoryStore(0, 1);

        assertThat(say(store, "a", "x").id()).isEqualTo(1);
        assertThat(say(store, "a", "y").id()).isEqualTo(2);
        assertThat(store.latest("a", 5)).isEmpty();
    }

    @Test
    void aPageIsCutToMaxPage() {
        MemoryHistoryStore store = new MemoryHistoryStore(HistoryStore.MAX_PAGE * 2, 1);
        for (int i = 0; i < HistoryStore.MAX_PAGE + 1; i++) {
            say(store, "a", "x");
        }

        assertThat(store.latest("a", Integer.MAX_VALUE)).hasSize(HistoryStore.MAX_PAGE)
                .first().extracting(StoredLine::id).isEqualTo(2L);
    }
}
