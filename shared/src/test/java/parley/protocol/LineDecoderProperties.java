package parley.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import parley.Theories;

/**
 * The decoder against a reference model, on random bytes cut at random places: however TCP splits a stream,
 * the same frames come out, and the partial-line buffer stays within the limit.
 *
 * <p>The model: split the stream on LF; from each terminated piece strip one trailing CR; more than
 * {@code max} bytes left is one too-long frame, otherwise the UTF-8 decoding of the bytes is a line. An
 * unterminated tail is no frame, unless it is already longer than {@code max + 1} bytes: then it can no longer
 * be a line of {@code max} bytes waiting for the LF of its CRLF, and the decoder reports it at once.
 */
class LineDecoderProperties {

    private static final String TOO_LONG = "<too long>";
    private static final List<String> UTF8_WORDS = List.of("张", "伟", "你好", "😀", "👍🏽", "é", "e\u0301", "ä");

    /** A stream of bytes, the offsets at which it is cut into separate feeds, and the decoder's limit. */
    record Case(int max, byte[] bytes, int[] cuts) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("max=" + max + " cuts=" + Arrays.toString(cuts) + " bytes=");
            for (byte x : bytes) {
                int v = x & 0xFF;
                b.append(v >= 0x21 && v < 0x7F ? Character.toString(v) : String.format("<%02X>", v));
            }
            return b.toString();
        }
    }

    /** Everything a sink was told, in order, and what the decoder buffered after each feed. */
    private static final class Recording implements LineDecoder.Sink {
        final List<String> frames = new ArrayList<>();
        final int max;

        Recording(int max) {
            this.max = max;
        }

        @Override
        public void line(String line) {
            frames.add(line);
        }

        @Override
        public void lineTooLong(int maxLineBytes) {
            assertThat(maxLineBytes).as("the limit reported with a too-long line").isEqualTo(max);
            frames.add(TOO_LONG);
        }
    }

    @Test
    void framesAreTheModelsWhereverTheInputIsCut() {
        Theories.qt(4242, 1500).forAll(CASES).checkAssert(c -> {
            List<String> expected = shown(model(c.max(), c.bytes()));
            assertThat(shown(decode(c.max(), c.bytes(), new int[0]))).as("fed whole").isEqualTo(expected);
            assertThat(shown(decode(c.max(), c.bytes(), c.cuts()))).as("fed in pieces").isEqualTo(expected);
        });
    }

    @Test
    void theSameFramesComeOutFedOneByteAtATime() {
        Theories.qt(4343, 300).forAll(CASES).checkAssert(c -> {
            int[] everyByte = IntStream.range(1, c.bytes().length).toArray();
            assertThat(shown(decode(c.max(), c.bytes(), everyByte)))
                    .isEqualTo(shown(decode(c.max(), c.bytes(), new int[0])));
        });
    }

    @Test
    void bufferedBytesStaysWithinMaxPlusOneAndIsZeroAfterALineFeed() {
        Theories.qt(4444, 1500).forAll(CASES).checkAssert(c -> {
            LineDecoder decoder = new LineDecoder(c.max());
            Recording sink = new Recording(c.max());
            assertThat(decoder.bufferedBytes()).isZero();
            for (byte[] piece : pieces(c.bytes(), c.cuts())) {
                feed(decoder, sink, piece);
                assertThat(decoder.bufferedBytes()).as("after a feed ending at %s", sink.frames)
                        .isLessThanOrEqualTo(c.max() + 1);
                if (piece.length > 0 && piece[piece.length - 1] == '\n') {
                    assertThat(decoder.bufferedBytes()).as("after a feed ending in LF").isZero();
                }
            }
        });
    }

    // ---- the decoder and the model -------------------------------------------------------------------------

    private static List<String> decode(int max, byte[] bytes, int[] cuts) {
        LineDecoder decoder = new LineDecoder(max);
        Recording sink = new Recording(max);
        for (byte[] piece : pieces(bytes, cuts)) {
            feed(decoder, sink, piece);
        }
        return sink.frames;
    }

    private static void feed(LineDecoder decoder, Recording sink, byte[] piece) {
        // An offset into a larger array, as a backend's read buffer has.
        byte[] backing = new byte[piece.length + 6];
        System.arraycopy(piece, 0, backing, 3, piece.length);
        ByteBuffer in = ByteBuffer.wrap(backing, 3, piece.length);
        decoder.feed(in, sink);
        assertThat(in.hasRemaining()).as("feed consumes every byte").isFalse();
    }

    private static List<byte[]> pieces(byte[] bytes, int[] cuts) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        out.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return out;
    }

    /** Frames as a failure report should print them: a CR or a control character visible. */
    private static List<String> shown(List<String> frames) {
        return frames.stream().map(Theories::escaped).toList();
    }

    static List<String> model(int max, byte[] bytes) {
        List<String> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                frames.add(end - start > max ? TOO_LONG : new String(bytes, start, end - start, UTF_8));
                start = i + 1;
            }
        }
        if (bytes.length - start > max + 1) {
            frames.add(TOO_LONG);
        }
        return frames;
    }

    // ---- generation ----------------------------------------------------------------------------------------
    // Each choice lists its simplest option first: shrinking moves a choice towards its first option.

    /** Limits: the smallest, small ones, and around the decoder's first buffer size (128). */
    private static final Gen<Integer> MAXES = Generate.frequency(
            Pair.of(1, Generate.constant(1)),
            Pair.of(2, integers().between(2, 8)),
            Pair.of(1, Generate.constant(16)),
            Pair.of(1, Generate.constant(64)),
            Pair.of(1, integers().between(127, 129)));

    private static final Gen<byte[]> PRINTABLE = lists().of(Generate.range(' ', '~', 'a')).ofSizeBetween(0, 7)
            .map(LineDecoderProperties::bytes);
    private static final Gen<byte[]> WORD = Generate.pick(UTF8_WORDS).map(w -> w.getBytes(UTF_8));
    private static final Gen<byte[]> HIGH_BYTE = integers().between(0x80, 0xFF).map(b -> new byte[] {b.byteValue()});
    private static final Gen<byte[]> ANY_BYTE = integers().between(0, 0xFF).map(b -> new byte[] {b.byteValue()});
    private static final Gen<byte[]> ENDINGS = Generate.pick(List.of(
            new byte[0], new byte[] {'\n'}, new byte[] {'\r', '\n'}, new byte[] {'\r'}));

    static final Gen<Case> CASES = in -> {
        int max = MAXES.generate(in);
        byte[] bytes = concat(Theories.thinnable(piece(max), 0, 24).generate(in));
        int[] cuts;
        if (integers().between(0, 7).generate(in) == 7) {
            cuts = IntStream.range(1, bytes.length).toArray();
        } else {
            cuts = Theories.thinnable(integers().between(0, bytes.length), 0, bytes.length == 0 ? 0 : 9).generate(in)
                    .stream().sorted().distinct().mapToInt(Integer::intValue).toArray();
        }
        return new Case(max, bytes, cuts);
    };

    /** Printable text, line ends, bytes that are not (or not yet) UTF-8, whole UTF-8 words, runs near the limit. */
    private static Gen<byte[]> piece(int max) {
        return Generate.frequency(
                Pair.of(4, PRINTABLE),
                Pair.of(2, Generate.constant(new byte[] {'\n'})),
                Pair.of(1, Generate.constant(new byte[] {'\r'})),
                Pair.of(1, Generate.constant(new byte[] {'\r', '\n'})),
                Pair.of(2, WORD),
                Pair.of(1, HIGH_BYTE),
                Pair.of(1, ANY_BYTE),
                Pair.of(1, runAround(max)));
    }

    /** A run of one letter right around the limit, often followed by CR, LF or CRLF. */
    private static Gen<byte[]> runAround(int max) {
        return in -> {
            byte[] run = new byte[Math.max(0, max - 2 + integers().between(0, 4).generate(in))];
            Arrays.fill(run, (byte) Generate.range('a', 'z').generate(in).intValue());
            return concat(List.of(run, ENDINGS.generate(in)));
        };
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) values.get(i).intValue();
        }
        return out;
    }

    private static byte[] concat(List<byte[]> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
