package parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** Encodes an event into the bytes of one wire line (UTF-8, LF-terminated) for a given mode. */
public final class EventEncoder {

    private final TextFormat text;
    private final MachineFormat machine;
    private final DirectSlab memory = new DirectSlab();

    public EventEncoder(ZoneId zone) {
        this.text = new TextFormat(zone);
        this.machine = new MachineFormat(zone);
    }

    /**
     * A read-only direct buffer that may be shared by many recipients; each must {@code duplicate()} (or
     * {@code slice()}) it.
     */
    public ByteBuffer encode(ChatEvent event, WireMode mode) {
        String line = mode == WireMode.TEXT ? text.format(event) : machine.format(event);
        return memory.copyOf((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
