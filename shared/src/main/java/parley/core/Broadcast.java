package parley.core;

import java.nio.ByteBuffer;
import parley.protocol.ChatEvent;
import parley.protocol.EventEncoder;
import parley.protocol.WireMode;

/** One event on its way to many recipients: encoded at most once per wire mode, the bytes then shared. */
final class Broadcast {

    /** How many wire modes there are; {@code values()} would copy the enum's array for every event. */
    private static final int MODES = WireMode.values().length;

    private final ChatEvent event;
    private final EventEncoder encoder;
    private final ByteBuffer[] bytes = new ByteBuffer[MODES];

    Broadcast(ChatEvent event, EventEncoder encoder) {
        this.event = event;
        this.encoder = encoder;
    }

    void sendTo(Session s) {
        s.out().send(bytesFor(s.mode()));
    }

    /** The event's line in {@code mode}, encoded on first use; shared and read-only. */
    ByteBuffer bytesFor(WireMode mode) {
        if (bytes[mode.ordinal()] == null) {
            bytes[mode.ordinal()] = encoder.encode(event, mode);
        }
        return bytes[mode.ordinal()];
    }
}
