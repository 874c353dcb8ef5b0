package parley.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static parley.PropertyCheck.forAll;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import parley.PropertyCheck;

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
    private static final String[] UTF8_WORDS = {"张", "伟", "你好", "😀", "👍🏽", "é", "e\u0301", "ä"};

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
        forAll(LineDecoderProperties::aCase).seed(4242).tries(1500).shrinkWith(LineDecoderProperties::shrink)
                .check(c -> {
                    List<String> expected = model(c.max(), c.bytes());
                    assertThat(decode(c.max(), c.bytes(), new int[0])).as("fed whole").isEqualTo(expected);
                    assertThat(decode(c.max(), c.bytes(), c.cuts())).as("fed in pieces").isEqualTo(expected);
                });
    }

    @Test
    void theSameFramesComeOutFedOneByteAtATime() {
        forAll(LineDecoderProperties::aCase).seed(4343).tries(300).shrinkWith(LineDecoderProperties::shrink)
                .check(c -> {
                    int[] everyByte = IntStream.range(1, c.bytes().length).toArray();
                    assertThat(decode(c.max(), c.bytes(), everyByte)).isEqualTo(decode(c.max(), c.bytes(), new int[0]));
                });
    }

    @Test
    void bufferedBytesStaysWithinMaxPlusOneAndIsZeroAfterALineFeed() {
        forAll(LineDecoderProperties::aCase).seed(4444).tries(1500).shrinkWith(LineDecoderProperties::shrink)
                .check(c -> {
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

    static Case aCase(Random r) {
        int max = switch (r.nextInt(6)) {
            case 0 -> 1;
            case 1, 2 -> 2 + r.nextInt(7);
            case 3 -> 16;
            case 4 -> 64;
            default -> 128 + r.nextInt(3) - 1; // around the decoder's first buffer size
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = r.nextInt(25);
        for (int i = 0; i < pieces; i++) {
            switch (r.nextInt(12)) {
                case 0, 1 -> out.write('\n');
                case 2 -> out.write('\r');
                case 3 -> out.writeBytes(new byte[] {'\r', '\n'});
                case 4 -> out.write(0x80 + r.nextInt(0x80));
                case 5 -> out.write(r.nextInt(256));
                case 6, 7 -> out.writeBytes(UTF8_WORDS[r.nextInt(UTF8_WORDS.length)].getBytes(UTF_8));
                case 8 -> {
                    // A run right around the limit, often followed by CR, LF or CRLF.
                    byte[] run = new byte[Math.max(0, max - 2 + r.nextInt(5))];
                    Arrays.fill(run, (byte) ('a' + r.nextInt(26)));
                    out.writeBytes(run);
                    out.writeBytes(switch (r.nextInt(4)) {
                        case 0 -> new byte[] {'\n'};
                        case 1 -> new byte[] {'\r', '\n'};
                        case 2 -> new byte[] {'\r'};
                        default -> new byte[0];
                    });
                }
                default -> {
                    for (int n = r.nextInt(8); n > 0; n--) {
                        out.write(' ' + r.nextInt(95));
                    }
                }
            }
        }
        byte[] bytes = out.toByteArray();
        int[] cuts;
        if (r.nextInt(8) == 0) {
            cuts = IntStream.range(1, bytes.length).toArray();
        } else {
            TreeSet<Integer> at = new TreeSet<>();
            for (int n = r.nextInt(10); n > 0 && bytes.length > 0; n--) {
                at.add(r.nextInt(bytes.length + 1));
            }
            cuts = at.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Case(max, bytes, cuts);
    }

    /** Fewer bytes (cuts kept where they still fall), fewer cuts, a smaller limit. */
    static Stream<Case> shrink(Case c) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : c.bytes()) {
            bytes.add(b);
        }
        Stream<Case> fewerBytes = PropertyCheck.shrinkList(bytes).map(list -> {
            byte[] smaller = new byte[list.size()];
            for (int i = 0; i < smaller.length; i++) {
                smaller[i] = list.get(i);
            }
            int[] cuts = Arrays.stream(c.cuts()).filter(x -> x <= smaller.length).toArray();
            return new Case(c.max(), smaller, cuts);
        });
        Stream<Case> fewerCuts = PropertyCheck.shrinkList(Arrays.stream(c.cuts()).boxed().toList())
                .map(list -> new Case(c.max(), c.bytes(), list.stream().mapToInt(Integer::intValue).toArray()));
        Stream<Case> smallerMax = c.max() > 1 ? Stream.of(new Case(c.max() - 1, c.bytes(), c.cuts())) : Stream.empty();
        return Stream.of(fewerBytes, fewerCuts, smallerMax).flatMap(s -> s);
    }
}
