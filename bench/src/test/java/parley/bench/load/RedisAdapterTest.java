package parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RESP3 decoding on bytes (the real server is covered by LoadAgainstRedisTest). */
class RedisAdapterTest {

    private static final String STREAM = ""
            // HELLO 3's reply: a map with nested values
            + "%3\r\n$6\r\nserver\r\n$5\r\nredis\r\n$5\r\nproto\r\n:3\r\n$7\r\nmodules\r\n*0\r\n"
            + ">3\r\n$9\r\nsubscribe\r\n$7\r\nbench-1\r\n:1\r\n"
            + ":100\r\n"
            + ">3\r\n$7\r\nmessage\r\n$7\r\nbench-1\r\n$12\r\nb1 0 5 6 xxx\r\n"
            + "-ERR unknown command\r\n"
            + "+OK\r\n"
            + "$-1\r\n"
            + "_\r\n"
            + ">4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$7\r\nbench-1\r\n$3\r\nhey\r\n"
            + ">3\r\n$7\r\nmessage\r\n$7\r\nbench-1\r\n$4\r\nb\r\nx\r\n";

    private static final String[] EXPECTED = {"ready", "payload b1 0 5 6 xxx", "error ERR unknown command",
        "payload b\r\nx"};

    private final RedisAdapter adapter = new RedisAdapter();

    @Test
    void findsTheSubscriptionPayloadsAndErrorsAndSkipsTheRest() {
        RecordingEvents events = new RecordingEvents();
        Feeding.feed(adapter.decoder("127.0.0.1:1", "bench-1"), bytes(), new int[0], events);
        assertThat(events.seen).containsExactly(EXPECTED);
    }

    @Test
    void theSameEventsComeOutWhereverTheBytesAreSplit() {
        byte[] all = bytes();
        for (int cut = 1; cut < all.length; cut++) {
            for (int second = cut + 1; second < all.length; second += 7) {
                RecordingEvents events = new RecordingEvents();
                Feeding.feed(adapter.decoder("127.0.0.1:1", "bench-1"), all, new int[] {cut, second}, events);
                assertThat(events.seen).as("split at %d and %d", cut, second).containsExactly(EXPECTED);
            }
        }
    }

    @Test
    void publishIsAPublishCommandAndJoinIsHelloThenSubscribe() {
        ByteBuffer out = ByteBuffer.allocate(128);
        WireAdapter.Publisher p = adapter.publisher("bench-1");
        byte[] text = "b1 2 3 4 xx".getBytes(StandardCharsets.US_ASCII);
        p.publish(out, text, 0, text.length);
        String wire = new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII);
        assertThat(wire).isEqualTo("*3\r\n$7\r\nPUBLISH\r\n$7\r\nbench-1\r\n$11\r\nb1 2 3 4 xx\r\n");
        assertThat(p.maxLength(text.length)).isGreaterThanOrEqualTo(wire.length());
        assertThat(new String(adapter.join("bench-1"), StandardCharsets.UTF_8))
                .isEqualTo("*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n*2\r\n$9\r\nSUBSCRIBE\r\n$7\r\nbench-1\r\n");
    }

    private static byte[] bytes() {
        return STREAM.getBytes(StandardCharsets.UTF_8);
    }
}
