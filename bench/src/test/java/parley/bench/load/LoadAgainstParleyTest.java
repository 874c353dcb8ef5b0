package parley.bench.load;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import parley.core.ChatCore;
import parley.core.ServerLog;
import parley.server.Backends;
import parley.server.RunningServer;
import parley.server.ServerSettings;

/** The load generator with the text-protocol adapter against a real parley server, in process, on port 0. */
@Timeout(120)
class LoadAgainstParleyTest {

    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = Backends.discover().find("threaded").orElseThrow().start(ServerSettings.forTests(),
                new ChatCore(Clock.systemDefaultZone(), ServerLog.silent()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fixedRateFanoutArrivesCompleteAndInOrder() throws Exception {
        RoomDrive.fixedRate(server.address(), new ParleyLineAdapter(), 6, 3, 40);
    }

    @Test
    void everyoneSendingWithAWindowArrivesCompleteAndInOrder() throws Exception {
        RoomDrive.window(server.address(), new ParleyLineAdapter(), 5, 4, 300);
    }
}
