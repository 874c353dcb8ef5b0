package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadTest {

    private record Parsed(int sender, long seq, long nanos) {
    }

    @Test
    void encodesToTheRequestedSizeAndParsesBack() {
        Payload p = new Payload(0x7f3a, 64);
        byte[] text = p.encode(3, 1542, 2_073_311_442L);
        assertThat(text).hasSize(64);
        assertThat(new String(text, StandardCharsets.US_ASCII)).startsWith("b7f3a 3 1542 2073311442 xxx");
        List<Parsed> got = new ArrayList<>();
        assertThat(p.parse(text, 0, text.length, (s, q, n) -> got.add(new Parsed(s, q, n)))).isTrue();
        assertThat(got).containsExactly(new Parsed(3, 1542, 2_073_311_442L));
    }

    @Test
    void aPayloadSmallerThanItsHeaderIsJustTheHeader() {
        Payload p = new Payload(1, 4);
        byte[] text = p.encode(0, 0, 0);
        assertThat(new String(text, StandardCharsets.US_ASCII)).isEqualTo("b1 0 0 0");
        assertThat(p.parse(text, 0, text.length, (s, q, n) -> { })).isTrue();
    }

    @Test
    void parsesInsideALargerBufferAndWithATrailingCarriageReturn() {
        Payload p = new Payload(42, 32);
        byte[] line = ("[12:00:00] <guest1@127.0.0.1:5000> " + new String(p.encode(9, 8, 7), StandardCharsets.US_ASCII)
                + "\r").getBytes(StandardCharsets.US_ASCII);
        int at = line.length - 33;
        List<Parsed> got = new ArrayList<>();
        assertThat(p.parse(line, at, 33, (s, q, n) -> got.add(new Parsed(s, q, n)))).isTrue();
        assertThat(got).containsExactly(new Parsed(9, 8, 7));
    }

    @Test
    void anotherRunsMessagesAndOrdinaryTextAreNotOurs() {
        Payload mine = new Payload(0xabc, 64);
        byte[] other = new Payload(0xabcd, 64).encode(1, 2, 3);
        assertThat(mine.parse(other, 0, other.length, (s, q, n) -> { })).isFalse();
        for (String text : new String[] {"hello there everyone", "babc 1 2", "babc x 2 3 y", "babc 1 2 3x"}) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(mine.parse(b, 0, b.length, (s, q, n) -> { })).as(text).isFalse();
        }
    }

    @Test
    void encodesIntoABufferWithoutDisturbingWhatIsThere() {
        Payload p = new Payload(5, 20);
        ByteBuffer out = ByteBuffer.allocate(100);
        out.put((byte) '!');
        int len = p.encode(out, 12, 345, 6789);
        assertThat(len).isEqualTo(20);
        assertThat(out.position()).isEqualTo(21);
        assertThat(new String(out.array(), 0, 21, StandardCharsets.US_ASCII)).isEqualTo("!b5 12 345 6789 xxxxx");
    }
}
