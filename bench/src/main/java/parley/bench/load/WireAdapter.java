package parley.bench.load;

import java.nio.ByteBuffer;

/**
 * How the load generator speaks to one kind of server: what a client sends to join a room, how it publishes,
 * and how the bytes it receives become {@link Events}. One adapter per protocol; the load generator knows
 * nothing else about the protocols.
 *
 * <pre>
 *  LoadClient --join(room) / Publisher.publish(text)--&gt; bytes --&gt; socket --&gt; server
 *  server --&gt; socket --&gt; bytes --&gt; Decoder.feed --&gt; Events (ready, payload, departure, error)
 * </pre>
 */
public interface WireAdapter {

    /** Short name for reports, e.g. {@code parley-text} or {@code redis}. */
    String protocol();

    /** Bytes a client sends right after connecting to end up in {@code room} (a channel for Redis). */
    byte[] join(String room);

    /** How one connection publishes to {@code room}. */
    Publisher publisher(String room);

    /**
     * A decoder for one connection.
     *
     * @param localAddress the client's own address as the server shows it ({@code ip:port})
     * @param room         the room it joins
     */
    Decoder decoder(String localAddress, String room);

    /** Frames texts for one room; made once per connection so the hot path allocates nothing. */
    interface Publisher {
        /** Writes one publish of {@code text} (no CR or LF in it) into {@code out}. */
        void publish(ByteBuffer out, byte[] text, int offset, int length);

        /** The most bytes {@link #publish} writes for a text of {@code textLength} bytes. */
        int maxLength(int textLength);
    }

    /** Turns received bytes into events; one per connection, used by one thread. */
    interface Decoder {
        /**
         * Consumes every complete frame between {@code in}'s position and limit, leaving the position at the
         * first incomplete one.
         */
        void feed(ByteBuffer in, Events events);
    }

    /** What a decoder finds. */
    interface Events {
        /** The client is in its room: messages published from now on will reach it. */
        void ready();

        /** A published text arrived ({@code length} bytes of {@code a} at {@code offset}). */
        void payload(byte[] a, int offset, int length);

        /** Someone left the room (parley announces it, with the reason). */
        void departure(String address, String reason);

        /** The server answered with an error. */
        void error(String message);
    }
}
