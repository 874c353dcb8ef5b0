package parley.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventEncoderTest {

    private static final ChatEvent EVENT = new ChatEvent.Message("lobby",
            Instant.parse("2026-11-26T13:02:07.120Z"), new Member("张伟", "127.0.0.1:1"), "hi\tthere", false);

    private final EventEncoder encoder = new EventEncoder(ZoneOffset.UTC);

    private static String decode(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return new String(bytes, UTF_8);
    }

    @Test
    void textModeIsTheTextLineInUtf8EndingInLf() {
        ByteBuffer b = encoder.encode(EVENT, WireMode.TEXT);
        assertThat(decode(b)).isEqualTo("[13:02:07] <张伟@127.0.0.1:1> hi there\n");
        assertThat(b.isReadOnly()).isTrue();
        assertThat(b.position()).isZero();
    }

    @Test
    void machineModeIsTheMachineLineEndingInLf() {
        String line = decode(encoder.encode(EVENT, WireMode.MACHINE));
        assertThat(line).endsWith("\n").containsOnlyOnce("\n");
        assertThat(MachineFormat.parse(line.substring(0, line.length() - 1))).isEqualTo(EVENT);
    }

    @Test
    void machineModeEscapesANewlineSoTheEventStaysOneLine() {
        ChatEvent withNewline = new ChatEvent.Message("lobby", EVENT.time(), new Member("a", "b"), "x\ny",
                false);
        assertThat(decode(encoder.encode(withNewline, WireMode.MACHINE))).containsOnlyOnce("\n");
    }
}
