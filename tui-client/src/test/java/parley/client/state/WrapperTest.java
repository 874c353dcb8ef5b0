package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.protocol.ChatEvent;
import parley.protocol.Member;

class WrapperTest {

    private static final Instant T = Instant.parse("2026-11-26T09:05:00Z");
    private final EntryFormat format = new EntryFormat(ZoneOffset.UTC, "HH:mm");

    private List<String> wrap(String nick, String text, int width) {
        ChatEvent e = new ChatEvent.Message("lobby", T, new Member(nick, ""), text, false);
        return format.fromEvent(e, "me").rows(width, 0).stream().map(Row::text).toList();
    }

    @Test
    void wordsMoveWholeAndContinuationsAlignUnderTheText() {
        assertThat(wrap("bob", "the quick brown fox jumps", 24)).containsExactly(
                "09:05 <bob> the quick",
                "            brown fox",
                "            jumps");
    }

    @Test
    void aWordLongerThanTheRowIsCut() {
        assertThat(wrap("bob", "abcdefghijklmnopqrst", 24)).containsExactly(
                "09:05 <bob> abcdefghijkl",
                "            mnopqrst");
    }

    @Test
    void cjkBreaksBetweenCharactersAndEveryRowFits() {
        List<String> rows = wrap("李", "中文没有空格所以可以在任何字之间换行", 21);
        assertThat(rows).allMatch(r -> Graphemes.columns(r) <= 21);
        assertThat(String.join("", rows).replace(" ", "")).contains("中文没有空格所以可以在任何字之间换行");
        assertThat(rows.get(0)).isEqualTo("09:05 <李> 中文没有空");
    }

    @Test
    void aLongNickInANarrowPaneIndentsUnderTheTimeOnly() {
        assertThat(wrap("a_very_long_nickname", "hello there you", 30)).containsExactly(
                "09:05 <a_very_long_nickname>",
                "      hello there you");
    }

    @Test
    void rowsAreCachedPerWidthAndRecomputedOnResize() {
        LogEntry e = format.note(T, "one two three four");
        List<Row> at10 = e.rows(10, 0);
        assertThat(e.rows(10, 0)).isSameAs(at10);
        assertThat(e.rows(40, 0)).hasSize(1);
    }
}
