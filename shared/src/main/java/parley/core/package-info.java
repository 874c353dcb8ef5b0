/**
 * The chat core: rooms, nicks, commands and history. It knows no sockets and has no threads.
 *
 * <pre>
 *  backend: connect / receive(line) / disconnect / tick (every second: big rooms' presence summaries)
 *        --> {@link parley.core.ChatCore} (one lock; events encoded once per wire mode)
 *        --> {@link parley.core.Outbound#send} of each recipient (queue only, never block)
 *        --> backend: {@link parley.output.OutputBuffer#writeTo} the socket, on its own thread or loop
 * </pre>
 *
 * {@link parley.output.OutputBuffer} (package {@code parley.output}) is the one slow-consumer policy both
 * backends use; {@link parley.core.Names} the one rule for nicks and rooms: what they may contain, and the
 * look-alike key they are told apart by. A room above the presence limit counts its comings and goings in a
 * {@link parley.core.PresenceTally}, sent as one summary per interval by {@link parley.core.ChatCore#tick}.
 *
 * <p>A spoken line goes through a {@link parley.core.RoomRelay}, which numbers it and hands it back to be
 * delivered: {@link parley.core.LocalRelay} at once (one server), a cluster's relay once the line is back from
 * its room's Redis stream (module {@code cluster}).
 */
package parley.core;
