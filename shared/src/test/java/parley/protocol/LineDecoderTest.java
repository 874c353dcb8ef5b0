package parley.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder with no socket: bytes in, frames out. The central check is Netty's
 * {@code LineBasedFrameDecoderTest} idea: however TCP splits the same bytes, the same frames come out.
 */
class LineDecoderTest {

    /** What a decoder reported, in order: a decoded line, or {@link #TOO_LONG}. */
    private static final String TOO_LONG = "<too long>";

    private static class RecordingSink implements LineDecoder.Sink {
        final List<String> frames = new ArrayList<>();
        final List<Integer> tooLongLimits = new ArrayList<>();

        @Override
        public void line(String line) {
            frames.add(line);
        }

        @Override
        public void lineTooLong(int maxLineBytes) {
            frames.add(TOO_LONG);
            tooLongLimits.add(maxLineBytes);
        }
    }

    @org.junit.jupiter.api.Test
    void aSinkThatWantsNoMoreStopsTheFeedRightAfterALineAndTheRestFollowsLater() {
        LineDecoder decoder = new LineDecoder(64);
        RecordingSink sink = new RecordingSink() {
            @Override
            public boolean wantsMore() {
                return frames.size() < 2;
            }
        };
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes("one\ntwo\nthree\nfo"));
        decoder.feed(in, sink);
        org.assertj.core.api.Assertions.assertThat(sink.frames).containsExactly("one", "two");
        org.assertj.core.api.Assertions.assertThat(new String(in.array(), in.position(), in.remaining(), UTF_8))
                .isEqualTo("three\nfo");
        RecordingSink rest = new RecordingSink();
        decoder.feed(in, rest);
        decoder.feed(java.nio.ByteBuffer.wrap(bytes("ur\n")), rest);
        org.assertj.core.api.Assertions.assertThat(rest.frames).containsExactly("three", "four");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** Feeds {@code input} cut at the given (sorted) offsets, each piece as its own buffer. */
    private static List<String> decodeSplit(int max, byte[] input, int... cuts) {
        LineDecoder decoder = new LineDecoder(max);
        RecordingSink sink = new RecordingSink();
        int from = 0;
        for (int cut : cuts) {
            feed(decoder, sink, Arrays.copyOfRange(input, from, cut));
            from = cut;
        }
        feed(decoder, sink, Arrays.copyOfRange(input, from, input.length));
        return sink.frames;
    }

    private static void feed(LineDecoder decoder, RecordingSink sink, byte[] piece) {
        ByteBuffer in = ByteBuffer.wrap(piece);
        decoder.feed(in, sink);
        assertThat(in.hasRemaining()).as("feed must consume every byte").isFalse();
    }

    /** Asserts that one feed, every split in two, every split in three and single bytes all give {@code expected}. */
    private static void assertSameFramesAtEveryBoundary(int max, byte[] input, List<String> expected) {
        assertThat(decodeSplit(max, input)).as("whole input in one feed").isEqualTo(expected);
        for (int i = 0; i <= input.length; i++) {
            assertThat(decodeSplit(max, input, i)).as("split at %d", i).isEqualTo(expected);
        }
        for (int i = 0; i <= input.length; i++) {
            for (int j = i; j <= input.length; j++) {
                assertThat(decodeSplit(max, input, i, j)).as("split at %d and %d", i, j).isEqualTo(expected);
            }
        }
        int[] everyByte = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            everyByte[i] = i;
        }
        assertThat(decodeSplit(max, input, everyByte)).as("single bytes").isEqualTo(expected);
    }

    // ---- splitting -----------------------------------------------------------------------------------------

    @Test
    void sameFramesWhereverTheInputIsSplitLf() {
        byte[] input = bytes("hello\nworld\n\nlast one\n");
        assertSameFramesAtEveryBoundary(64, input, List.of("hello", "world", "", "last one"));
    }

    @Test
    void sameFramesWhereverTheInputIsSplitCrLf() {
        byte[] input = bytes("hello\r\nworld\r\n\r\nmixed\nend\r\n");
        assertSameFramesAtEveryBoundary(64, input, List.of("hello", "world", "", "mixed", "end"));
    }

    @Test
    void sameFramesWhereverMultiByteUtf8IsSplit() {
        // 张伟 is 3 bytes a character, 😀 and 👍 are 4 bytes (a surrogate pair in Java).
        byte[] input = bytes("张伟 😀\r\n你好👍\nok\n");
        assertSameFramesAtEveryBoundary(64, input, List.of("张伟 😀", "你好👍", "ok"));
    }

    @Test
    void crInsideALineIsKeptOnlyTheOneBeforeLfIsTheTerminator() {
        byte[] input = bytes("a\rb\r\r\n\r\n");
        assertSameFramesAtEveryBoundary(64, input, List.of("a\rb\r", ""));
    }

    @Test
    void aPartialLineWithoutItsLfIsNotALine() {
        assertThat(decodeSplit(64, bytes("done\nnot yet"))).containsExactly("done");
    }

    @Test
    void decodesFromBuffersWithAnOffsetAndFromDirectBuffers() {
        LineDecoder decoder = new LineDecoder(64);
        RecordingSink sink = new RecordingSink();
        byte[] backing = bytes("XXXab\ncdYYY");
        decoder.feed(ByteBuffer.wrap(backing, 3, 5), sink); // "ab\ncd"
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(bytes("ZZef\ngh\n")).flip();
        direct.position(2); // "ef\ngh\n"
        decoder.feed(direct, sink);
        assertThat(sink.frames).containsExactly("ab", "cdef", "gh");
        assertThat(direct.hasRemaining()).isFalse();
    }

    // ---- the length limit ----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 200})
    void aLineOfExactlyMaxBytesIsAcceptedWithLfOrCrLfWhereverSplit(int max) {
        byte[] line = repeat('a', max);
        String expected = "a".repeat(max);
        assertSameFramesAtEveryBoundary(max, concat(line, bytes("\nn\n")), List.of(expected, "n"));
        // The CRLF of a max-length line may be split between feeds: the CR alone must not make it too long.
        assertSameFramesAtEveryBoundary(max, concat(line, bytes("\r\nz\r\n")), List.of(expected, "z"));
    }

    @Test
    void maxLengthLineWhoseCrArrivesAloneThenItsLf() {
        LineDecoder decoder = new LineDecoder(8);
        RecordingSink sink = new RecordingSink();
        decoder.feed(ByteBuffer.wrap(bytes("12345678")), sink);
        decoder.feed(ByteBuffer.wrap(bytes("\r")), sink);
        assertThat(sink.frames).isEmpty();
        decoder.feed(ByteBuffer.wrap(bytes("\n")), sink);
        assertThat(sink.frames).containsExactly("12345678");
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16})
    void maxPlusOneIsRejectedOnceAndTheNextLineIsReadWhereverSplit(int max) {
        byte[] tooLong = repeat('b', max + 1);
        assertSameFramesAtEveryBoundary(max, concat(tooLong, bytes("\nc\n")), List.of(TOO_LONG, "c"));
        assertSameFramesAtEveryBoundary(max, concat(tooLong, bytes("\r\nc\r\n")), List.of(TOO_LONG, "c"));
        // max bytes followed by a CR that is content (another CR follows) is max+1 bytes of content.
        assertSameFramesAtEveryBoundary(max, concat(repeat('b', max), bytes("\r\r\nc\n")), List.of(TOO_LONG, "c"));
    }

    @Test
    void tooLongIsReportedWithTheLimitAndAsSoonAsItIsKnownNotWhenTheLfArrives() {
        LineDecoder decoder = new LineDecoder(10);
        RecordingSink sink = new RecordingSink();
        decoder.feed(ByteBuffer.wrap(repeat('x', 12)), sink);
        assertThat(sink.frames).containsExactly(TOO_LONG);
        assertThat(sink.tooLongLimits).containsExactly(10);
        decoder.feed(ByteBuffer.wrap(repeat('x', 100)), sink);
        decoder.feed(ByteBuffer.wrap(bytes("xx\nafter\n")), sink);
        assertThat(sink.frames).containsExactly(TOO_LONG, "after");
    }

    @Test
    void aMebibyteWithoutNewlineGivesOneTooLongAndBoundedMemory() {
        int max = 4096;
        LineDecoder decoder = new LineDecoder(max);
        RecordingSink sink = new RecordingSink();
        byte[] chunk = repeat('q', 1000); // not a divisor of max, so the limit falls inside a chunk
        int fed = 0;
        int maxSeen = 0;
        while (fed < 1024 * 1024) {
            int n = Math.min(chunk.length, 1024 * 1024 - fed);
            decoder.feed(ByteBuffer.wrap(chunk, 0, n), sink);
            fed += n;
            maxSeen = Math.max(maxSeen, decoder.bufferedBytes());
            assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(max + 1);
        }
        assertThat(maxSeen).as("the decoder did buffer the start of the line").isPositive();
        assertThat(sink.frames).containsExactly(TOO_LONG);
        decoder.feed(ByteBuffer.wrap(bytes("tail\nhello\n")), sink);
        assertThat(sink.frames).containsExactly(TOO_LONG, "hello");
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void aLongStreamInSingleBytesGivesOneTooLongAndBoundedMemory() {
        int max = 300;
        LineDecoder decoder = new LineDecoder(max);
        RecordingSink sink = new RecordingSink();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < 64 * 1024; i++) {
            one.clear();
            one.put((byte) 'r').flip();
            decoder.feed(one, sink);
            assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(max + 1);
        }
        decoder.feed(ByteBuffer.wrap(bytes("\nok\n")), sink);
        assertThat(sink.frames).containsExactly(TOO_LONG, "ok");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 64, 127})
    void bufferedBytesNeverExceedsMaxPlusOneEvenForSmallLimits(int max) {
        LineDecoder decoder = new LineDecoder(max);
        RecordingSink sink = new RecordingSink();
        for (int i = 0; i < 3 * max + 5; i++) {
            decoder.feed(ByteBuffer.wrap(bytes("s")), sink);
            assertThat(decoder.bufferedBytes()).as("after %d bytes", i + 1).isLessThanOrEqualTo(max + 1);
        }
        assertThat(sink.frames).containsExactly(TOO_LONG);
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new LineDecoder(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- UTF-8 ---------------------------------------------------------------------------------------------

    @Test
    void invalidUtf8BecomesReplacementCharacterAndNeverFails() {
        byte[] input = concat(bytes("a"), new byte[] {(byte) 0xFF}, bytes("b"),
                new byte[] {(byte) 0xC3, (byte) 0x28}, bytes("\n"), // bad continuation byte
                new byte[] {(byte) 0xE4, (byte) 0xB8}, bytes("\n"), // truncated 3-byte sequence
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\n"), // encoded surrogate
                bytes("fine\n"));
        List<String> frames = decodeSplit(64, input);
        assertThat(frames).hasSize(4);
        assertThat(frames.get(0)).isEqualTo("a\uFFFDb\uFFFD(");
        assertThat(frames.get(1)).matches("\uFFFD+");
        assertThat(frames.get(2)).matches("\uFFFD+");
        assertThat(frames.get(3)).isEqualTo("fine");
        assertSameFramesAtEveryBoundary(64, input, frames);
    }

    @Test
    void chineseAndEmojiSplitInsideTheirBytesDecodeWhole() {
        byte[] zhang = bytes("张");
        byte[] smile = bytes("😀");
        assertThat(zhang).hasSize(3);
        assertThat(smile).hasSize(4);
        LineDecoder decoder = new LineDecoder(64);
        RecordingSink sink = new RecordingSink();
        decoder.feed(ByteBuffer.wrap(zhang, 0, 1), sink);
        decoder.feed(ByteBuffer.wrap(zhang, 1, 2), sink);
        decoder.feed(ByteBuffer.wrap(smile, 0, 2), sink);
        decoder.feed(ByteBuffer.wrap(smile, 2, 1), sink);
        decoder.feed(ByteBuffer.wrap(concat(Arrays.copyOfRange(smile, 3, 4), bytes("\n"))), sink);
        assertThat(sink.frames).containsExactly("张😀");
        assertThat(sink.frames.get(0).codePoints()).containsExactly(0x5F20, 0x1F600);
    }

    // ---- memory --------------------------------------------------------------------------------------------

    @Test
    void bufferedBytesIsZeroWhenIdleAndAfterEveryCompleteLine() {
        LineDecoder decoder = new LineDecoder(64);
        RecordingSink sink = new RecordingSink();
        assertThat(decoder.bufferedBytes()).isZero();
        decoder.feed(ByteBuffer.wrap(bytes("abc")), sink);
        assertThat(decoder.bufferedBytes()).isPositive();
        decoder.feed(ByteBuffer.wrap(bytes("def\n")), sink);
        assertThat(decoder.bufferedBytes()).isZero();
        decoder.feed(ByteBuffer.wrap(bytes("whole line\r\n")), sink);
        assertThat(decoder.bufferedBytes()).isZero();
        decoder.feed(ByteBuffer.wrap(repeat('z', 100)), sink); // too long: dropped, not kept
        assertThat(decoder.bufferedBytes()).isZero();
        decoder.feed(ByteBuffer.wrap(bytes("\n")), sink);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(sink.frames).containsExactly("abcdef", "whole line", TOO_LONG);
    }
}
