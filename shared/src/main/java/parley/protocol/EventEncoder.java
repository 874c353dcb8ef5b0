package parley.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** Encodes an event into the bytes of one wire line (UTF-8, LF-terminated) for a given mode. */
public final class EventEncoder {

    private final TextFormat text;
    private final MachineFormat machine;
    private final MachineFormat machineV2;

    public EventEncoder(ZoneId zone) {
        this.text = new TextFormat(zone);
        this.machine = new MachineFormat(zone, WireMode.MACHINE);
        this.machineV2 = new MachineFormat(zone, WireMode.MACHINE_V2);
    }

    /**
     * A read-only buffer over the line's bytes, shared by every recipient: each copies it into its own
     * output buffer without moving its position.
     */
    public ByteBuffer encode(ChatEvent event, WireMode mode) {
        return switch (mode) {
            case TEXT -> wrap(text.formatLine(event)); // made with its LF: one string less per line
            case MACHINE -> bytes(machine.format(event));
            case MACHINE_V2 -> bytes(machineV2.format(event));
        };
    }

    /** A history page's start or end line, for one recipient. */
    public ByteBuffer encode(HistoryBatch frame, WireMode mode) {
        String line = switch (mode) {
            case TEXT -> text.format(frame);
            case MACHINE -> machine.format(frame);
            case MACHINE_V2 -> machineV2.format(frame);
        };
        return bytes(line);
    }

    private ByteBuffer bytes(String line) {
        return wrap(line + "\n");
    }

    private static ByteBuffer wrap(String lineWithLf) {
        return ByteBuffer.wrap(lineWithLf.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
