package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text-mode decoder on bytes, with no socket (the server side is covered by LoadAgainstParleyTest). */
class ParleyLineAdapterTest {

    private static final String ME = "127.0.0.1:5001";
    private static final String TRANSCRIPT = String.join("\n",
            "[14:02:07] -- welcome to parley, guest1; you are in #lobby. Type /help for commands.",
            "[14:02:07] -- in #lobby: 1 person: guest1 (127.0.0.1:5001)",
            "[14:02:07] -> guest1 (127.0.0.1:5001) joined #lobby",
            "[14:02:07] <- guest1 (127.0.0.1:5001) left #lobby (went to #bench-1)",
            "[14:02:07] (history) <guest2@127.0.0.1:5002> b1 0 0 0 old",
            "[14:02:07] -> guest2 (127.0.0.1:5002) joined #bench-1",
            "[14:02:07] -> guest1 (127.0.0.1:5001) joined #bench-1",
            "[14:02:09] <guest2@127.0.0.1:5002> b1 0 17 123 xxxx",
            "[14:02:09] * guest2@127.0.0.1:5002 waves",
            "[14:02:10] <- guest3 (127.0.0.1:5003) left #bench-1 (slow consumer: more than 1048576 bytes queued)",
            "[14:02:11] <- guest4 (127.0.0.1:5004) left #bench-10 (connection closed)",
            "[14:02:12] !! line too long (the limit is 4096 bytes); it was discarded",
            "[14:02:13] <-@127.0.0.1:5005> a nick that is a dash\r",
            "") ;

    private static final String[] EXPECTED = {
        "ready",
        "payload b1 0 17 123 xxxx",
        "departure 127.0.0.1:5003 slow consumer: more than 1048576 bytes queued",
        "error line too long (the limit is 4096 bytes); it was discarded",
        "payload a nick that is a dash"};

    private final ParleyLineAdapter adapter = new ParleyLineAdapter();

    @Test
    void findsOurJoinPayloadsDeparturesFromOurRoomAndErrors() {
        RecordingEvents events = new RecordingEvents();
        Feeding.feed(adapter.decoder(ME, "bench-1"), bytes(), new int[0], events);
        assertThat(events.seen).containsExactly(EXPECTED);
    }

    @Test
    void theSameEventsComeOutWhereverTheBytesAreSplit() {
        byte[] all = bytes();
        for (int cut = 1; cut < all.length; cut++) {
            RecordingEvents events = new RecordingEvents();
            Feeding.feed(adapter.decoder(ME, "bench-1"), all, new int[] {cut}, events);
            assertThat(events.seen).as("split at %d", cut).containsExactly(EXPECTED);
        }
    }

    @Test
    void aPartialLineStaysInTheBuffer() {
        ByteBuffer in = ByteBuffer.wrap("[14:02:09] <a@b> b1 0 1 2\n[14:02:09] <a@b> b1".getBytes(StandardCharsets.UTF_8));
        RecordingEvents events = new RecordingEvents();
        adapter.decoder(ME, "bench-1").feed(in, events);
        assertThat(events.seen).containsExactly("payload b1 0 1 2");
        assertThat(in.remaining()).isEqualTo("[14:02:09] <a@b> b1".length());
    }

    @Test
    void publishingIsTheTextAsALineAndJoiningIsTheJoinCommand() {
        ByteBuffer out = ByteBuffer.allocate(64);
        WireAdapter.Publisher p = adapter.publisher("bench-1");
        p.publish(out, "b1 2 3 4".getBytes(StandardCharsets.US_ASCII), 0, 8);
        assertThat(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII)).isEqualTo("b1 2 3 4\n");
        assertThat(p.maxLength(8)).isEqualTo(9);
        assertThat(new String(adapter.join("bench-1"), StandardCharsets.UTF_8)).isEqualTo("/join bench-1\n");
    }

    private static byte[] bytes() {
        return TRANSCRIPT.getBytes(StandardCharsets.UTF_8);
    }
}
