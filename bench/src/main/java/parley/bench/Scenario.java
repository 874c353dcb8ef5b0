package parley.bench;

import java.util.Locale;

/** What a run does to a server. */
public enum Scenario {
    /** N clients in one room, S of them sending at a fixed rate: latency from the intended send time. */
    FANOUT,
    /** Every client sends as fast as its in-flight window allows: deliveries per second. */
    SATURATE,
    /** Many connections that do nothing: how many are held, and what each costs the server. */
    IDLE,
    /** N clients arrive in the one room within a window and stay, then leave: latency, bytes and memory. */
    LOBBY,
    /** FANOUT plus K clients that never read: do the others notice, and what happens to the slow ones. */
    SLOW,
    /** N connections at R/s from many addresses while an observer and a talker exchange probes. */
    STORM;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code fanout}, {@code SATURATE}, ... */
    public static Scenario parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + text + "'; known: fanout, saturate, idle, lobby, slow, storm");
        }
    }
}
