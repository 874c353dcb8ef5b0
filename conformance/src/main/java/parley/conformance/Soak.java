package parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A crowd with bad manners, for a bounded time: well-behaved people chatting, among clients that drop
 * abruptly, never read, flood, send garbage and 1 MiB lines with no newline. Afterwards every well-behaved
 * client must have received every chat line, in the one order everyone else saw.
 *
 * <p>It runs a few seconds in {@code mvn verify}; {@code -Dparley.soak.seconds=N} makes it longer.
 */
final class Soak {

    /** Each talker says this many lines per second: under the default rate limit, so nobody throttles them. */
    private static final int TALK_RATE = 10;

    private final ContractSupport test;
    private final InetSocketAddress address;
    private final int seconds;
    private final Random random = new Random(20261126);
    private final List<Socket> rude = new ArrayList<>();

    Soak(ContractSupport test, InetSocketAddress address, int seconds) {
        this.test = test;
        this.address = address;
        this.seconds = seconds;
    }

    static int seconds() {
        return Integer.getInteger("parley.soak.seconds", 3);
    }

    void run(int wellBehaved, int talkers) throws IOException, InterruptedException {
        List<ChatClient> people = new ArrayList<>();
        for (int i = 0; i < wellBehaved; i++) {
            people.add(test.join(address));
        }
        ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
        try {
            startRudeClients(pace);
            int linesEach = seconds * TALK_RATE;
            for (int t = 0; t < talkers; t++) {
                ChatClient talker = people.get(t);
                int id = t;
                int[] next = {0};
                pace.scheduleAtFixedRate(() -> {
                    if (next[0] < linesEach) {
                        sendQuietly(talker, "soak " + id + " " + next[0]++);
                    }
                }, 0, 1000 / TALK_RATE, TimeUnit.MILLISECONDS);
            }
            List<String> firstOrder = null;
            for (ChatClient c : people) {
                List<String> order = new ArrayList<>();
                while (order.size() < talkers * linesEach) {
                    order.add(ContractSupport.textOf(c.await(l -> ContractSupport.isMessage(l)
                            && l.contains("> soak "), "a soak line")));
                }
                if (firstOrder == null) {
                    firstOrder = order;
                    assertEverySenderInOrder(order, talkers, linesEach);
                }
                assertThat(order).as("the order everyone saw").isEqualTo(firstOrder);
            }
        } finally {
            pace.shutdownNow();
            pace.awaitTermination(10, TimeUnit.SECONDS);
            for (Socket s : rude) {
                s.close();
            }
        }
    }

    private static void assertEverySenderInOrder(List<String> order, int talkers, int linesEach) {
        for (int t = 0; t < talkers; t++) {
            String prefix = "soak " + t + " ";
            List<String> own = order.stream().filter(s -> s.startsWith(prefix)).collect(java.util.stream.Collectors.toList());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < linesEach; i++) {
                expected.add(prefix + i);
            }
            assertThat(own).as("talker %d's lines", t).isEqualTo(expected);
        }
    }

    private void startRudeClients(ScheduledExecutorService pace) throws IOException {
        for (int i = 0; i < 10; i++) {
            rude.add(neverReads());
        }
        for (int i = 0; i < 5; i++) {
            Socket flooder = raw();
            StringBuilder flood = new StringBuilder();
            for (int n = 0; n < 2000; n++) {
                flood.append("flood ").append(i).append(' ').append(n).append('\n');
            }
            write(flooder, flood.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 5; i++) {
            byte[] garbage = new byte[16 * 1024];
            random.nextBytes(garbage);
            write(raw(), garbage);
        }
        for (int i = 0; i < 3; i++) {
            byte[] huge = new byte[1024 * 1024];
            Arrays.fill(huge, (byte) 'x');
            Socket giant = raw();
            pace.execute(() -> {
                write(giant, huge);
                write(giant, "\nstill here\n".getBytes(StandardCharsets.UTF_8));
            });
        }
        for (int i = 0; i < 10; i++) {
            Socket dropper = raw();
            pace.schedule(() -> {
                write(dropper, "leaving abruptly\n".getBytes(StandardCharsets.UTF_8));
                try {
                    dropper.setSoLinger(true, 0);
                    dropper.close();
                } catch (IOException e) {
                    // gone already: just as good
                }
            }, 100L * i, TimeUnit.MILLISECONDS);
        }
    }

    private Socket neverReads() throws IOException {
        Socket s = raw();
        s.setReceiveBufferSize(4096);
        return s;
    }

    private Socket raw() throws IOException {
        Socket s = new Socket();
        rude.add(s);
        s.connect(address);
        return s;
    }

    private static void write(Socket s, byte[] bytes) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server closed this rude client, or it closed itself: both are part of the soak
        }
    }

    private static void sendQuietly(ChatClient c, String line) {
        try {
            c.send(line);
        } catch (IOException e) {
            throw new AssertionError("a well-behaved client could not send", e);
        }
    }
}
