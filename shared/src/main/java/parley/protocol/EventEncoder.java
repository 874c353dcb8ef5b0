package parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** Encodes an event into the bytes of one wire line (UTF-8, LF-terminated) for a given mode. */
public final class EventEncoder {

    private final TextFormat text;
    private final MachineFormat machine;

    public EventEncoder(ZoneId zone) {
        this.text = new TextFormat(zone);
        this.machine = new MachineFormat(zone);
    }

    /**
     * A read-only buffer over the line's bytes, shared by every recipient: each copies it into its own
     * output buffer without moving its position.
     */
    public ByteBuffer encode(ChatEvent event, WireMode mode) {
        String line = mode == WireMode.TEXT ? text.format(event) : machine.format(event);
        return ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
