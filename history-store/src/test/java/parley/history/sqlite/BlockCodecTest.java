package parley.history.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import parley.history.StoredLine;

/** A block's bytes, with no database: every field comes back exactly, and bytes it did not write are refused. */
class BlockCodecTest {

    private static final List<StoredLine> LINES = List.of(
            new StoredLine("Café ☕", 7, Instant.ofEpochMilli(1_900_000_000_123L), StoredLine.Kind.MESSAGE, "bób",
                    "[::1]:4242", "waves 👋 at \"everyone\"; DROP TABLE blocks;"),
            new StoredLine("Café ☕", 8, Instant.ofEpochMilli(1_900_000_000_124L), StoredLine.Kind.ACTION, "", "",
                    ""),
            // The clock stepped back, and a jump of ids (other rooms' lines between).
            new StoredLine("Café ☕", 1_000_000_007, Instant.ofEpochMilli(1_899_999_000_000L),
                    StoredLine.Kind.MESSAGE, "n".repeat(300), "10.0.0.1:5000", "x".repeat(70_000)),
            new StoredLine("Café ☕", Long.MAX_VALUE / 3, Instant.EPOCH, StoredLine.Kind.ACTION, "z", "a", "t"));

    @Test
    void everyFieldComesBackExactly() {
        assertThat(BlockCodec.decode("Café ☕", BlockCodec.encode(LINES))).containsExactlyElementsOf(LINES);
        assertThat(BlockCodec.decode("Café ☕", BlockCodec.encode(LINES.subList(0, 1)))).containsExactly(LINES.get(0));
    }

    @Test
    void neighboursCostAFewBytesBeyondTheirText() {
        StoredLine a = LINES.get(0);
        StoredLine b = new StoredLine(a.room(), a.id() + 3, a.time().plusMillis(20), a.kind(), a.nick(),
                a.address(), a.text());
        int one = BlockCodec.encode(List.of(a)).length;
        int two = BlockCodec.encode(List.of(a, b)).length;
        int fields = a.nick().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + a.address().length()
                + a.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        // The second line: its id and time deltas (a byte each), its kind, three lengths and the fields.
        assertThat(two - one).isEqualTo(1 + 1 + 1 + 3 + fields);
    }

    @Test
    void aBlockOfAnotherVersionIsRefused() {
        byte[] block = BlockCodec.encode(LINES);
        block[0] = 2;

        assertThatThrownBy(() -> BlockCodec.decode("r", block))
                .isInstanceOf(BlockCodec.CorruptBlockException.class)
                .hasMessage("a block of version 2, not 1");
    }

    @Test
    void aBlockCutShortAnywhereOrWithBytesAfterItIsRefused() {
        byte[] block = BlockCodec.encode(LINES.subList(0, 2));
        for (int length = 0; length < block.length; length++) {
            byte[] cut = Arrays.copyOf(block, length);
            assertThatThrownBy(() -> BlockCodec.decode("r", cut)).as("cut at %d", length)
                    .isInstanceOf(BlockCodec.CorruptBlockException.class);
        }
        byte[] longer = Arrays.copyOf(block, block.length + 1);
        assertThatThrownBy(() -> BlockCodec.decode("r", longer))
                .isInstanceOf(BlockCodec.CorruptBlockException.class)
                .hasMessage("a block has bytes after its 2 lines");
    }
}
