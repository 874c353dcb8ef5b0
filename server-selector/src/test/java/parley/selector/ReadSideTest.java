package parley.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bytes from a socket become lines for the core, in order, however TCP cuts them. */
class ReadSideTest {

    private TestServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manyLinesInOneSegmentAreAllHandledInOrder() throws Exception {
        server = new TestServer(TestServer.settings());
        TestClient listener = server.client();
        TestClient speaker = server.client();

        speaker.write("one\ntwo\r\nthree\nfour\n");

        List<String> heard = listener.readUntil(line -> line.endsWith("> four"));
        assertThat(heard.stream().filter(l -> l.contains("<" + speaker.nick() + "@")))
                .map(l -> l.substring(l.indexOf("> ") + 2))
                .containsExactly("one", "two", "three", "four");
    }

    @Test
    void aLineSplitAcrossSegmentsIsReassembled() throws Exception {
        server = new TestServer(TestServer.settings());
        TestClient speaker = server.client();

        speaker.write("hel");
        speaker.write("lo wor");
        speaker.write("ld\n");

        assertThat(speaker.readUntil(line -> line.contains("> hello world"))).last()
                .asString().endsWith("> hello world");
    }

    @Test
    void aTooLongLineIsReportedAndTheConnectionCarriesOn() throws Exception {
        server = new TestServer(TestServer.settings().withLimits(l -> l.withMaxLineBytes(16)));
        TestClient speaker = server.client();

        speaker.write("x".repeat(100) + "\nshort\n");

        List<String> lines = speaker.readUntil(line -> line.endsWith("> short"));
        assertThat(lines).anyMatch(l -> l.contains("!! line too long (the limit is 16 bytes)"));
    }

    @Test
    void aBurstLargerThanOneTurnsReadsIsStillHandledInOrder() throws Exception {
        // a tiny read buffer and one read per turn force the decoder to carry partial lines between turns
        LoopTuning tiny = new LoopTuning(7, 1, 256 * 1024, 4096, LoopTuning.defaults().closeAfterFlushTimeout());
        server = new TestServer(TestServer.settings(), tiny);
        TestClient speaker = server.client();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            burst.append("line ").append(i).append('\n');
        }

        speaker.write(burst.toString());

        List<String> said = speaker.readUntil(line -> line.endsWith("> line 199")).stream()
                .filter(l -> l.contains("> line ")).map(l -> l.substring(l.indexOf("> ") + 2)).toList();
        assertThat(said).hasSize(200).first().isEqualTo("line 0");
        for (int i = 0; i < 200; i++) {
            assertThat(said.get(i)).isEqualTo("line " + i);
        }
    }
}
