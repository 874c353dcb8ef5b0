package parley.client.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputLineTest {

    private final InputLine line = new InputLine();

    @Test
    void cursorMovesAndDeletesByWholeGraphemes() {
        line.insert("a");
        line.insert("\uD83D");          // half an emoji never stays half: the next unit completes it
        line.insert("\uDE42");
        line.insert("e\u0301");         // e + combining acute: one grapheme
        assertThat(line.text()).isEqualTo("a🙂e\u0301");
        assertThat(line.cursorColumn()).isEqualTo(4);

        line.left();
        assertThat(line.cursor()).isEqualTo(3);
        line.left();
        assertThat(line.cursor()).isEqualTo(1);
        line.delete();
        assertThat(line.text()).isEqualTo("ae\u0301");
        line.end();
        line.backspace();
        assertThat(line.text()).isEqualTo("a");
    }

    @Test
    void aCombiningMarkTypedAfterALetterJoinsIt() {
        line.insert("e");
        line.insert("\u0301");
        assertThat(line.cursor()).isEqualTo(2);
        line.backspace();
        assertThat(line.text()).isEmpty();
    }

    @Test
    void killAndWordCommands() {
        line.insert("one two  three");
        line.deleteWordBefore();
        assertThat(line.text()).isEqualTo("one two  ");
        line.deleteWordBefore();
        assertThat(line.text()).isEqualTo("one ");
        line.home();
        line.right();
        line.killToEnd();
        assertThat(line.text()).isEqualTo("o");
        line.insert("xyz");
        line.left();
        line.killToStart();
        assertThat(line.text()).isEqualTo("z");
        assertThat(line.cursor()).isZero();
    }

    @Test
    void theWindowScrollsToKeepTheCursorAndNeverHalvesAWideCharacter() {
        line.insert("一二三四五");       // 10 columns
        InputLine.Window w = line.window(5);
        assertThat(w.cursorColumn()).isEqualTo(4);
        // scroll is 6: 四 spans columns 6-7, 五 8-9, the cursor sits on column 10
        assertThat(w.text()).isEqualTo("四五");
        assertThat(w.padding()).isZero();

        line.home();
        w = line.window(5);
        assertThat(w.text()).isEqualTo("一二");
        assertThat(w.cursorColumn()).isZero();

        line.right();
        line.right();
        line.right();   // cursor at column 6, window starts at 0 -> scroll to 2
        w = line.window(5);
        assertThat(w.cursorColumn()).isEqualTo(4);
        assertThat(w.padding()).isZero();
        assertThat(w.text()).isEqualTo("二三");

        line.end();
        line.insert("x");   // 11 columns: scroll 7 cuts 四 in half, so one column of padding stands in for it
        w = line.window(5);
        assertThat(w.padding()).isEqualTo(1);
        assertThat(w.text()).isEqualTo("五x");
        assertThat(w.cursorColumn()).isEqualTo(4);
    }
}
