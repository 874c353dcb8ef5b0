/**
 * The chat core: rooms, nicks, commands and history. It knows no sockets and has no threads.
 *
 * <pre>
 *  backend: connect / receive(line) / disconnect / tick (every second: big rooms' presence summaries)
 *        --> {@link parley.core.ChatCore} (one lock; events encoded once per wire mode)
 *        --> {@link parley.core.Outbound#send} of each recipient (queue only, never block); inside a
 *            {@link parley.core.ChatCore#batch} (one read of the selector's) a room's consecutive lines are
 *            held and sent to each member as one run of bytes
 *        --> backend: {@link parley.output.OutputBuffer#writeTo} the socket, on its own thread or loop
 * </pre>
 *
 * {@link parley.output.OutputBuffer} (package {@code parley.output}) is the one slow-consumer policy both
 * backends use; {@link parley.core.Names} the one rule for nicks and rooms: what they may contain, and the
 * look-alike key they are told apart by. A room above the presence limit counts its comings and goings in a
 * {@link parley.core.PresenceTally}, sent as one summary per interval by {@link parley.core.ChatCore#tick}.
 *
 * <p>The rules against abuse of others ({@link parley.core.SessionLimits}) are classes of their own that the
 * core calls: {@code IdleWatch} (connections that never send a line), {@code NickDelay} (a nick given up stays
 * out of reach for a moment) and {@code PrivateTraffic} (a cap per recipient); {@code Roster} answers
 * {@code /who}. A backend hands each line to
 * {@link parley.core.ChatCore#read} when it reads it, which binds a private message to its recipient, and to
 * {@link parley.core.ChatCore#receive(parley.core.Session, parley.core.ReadLine)} when flood control lets it
 * through.
 *
 * <p>{@code Commands} carries out each line's command, handing it to the class that owns it;
 * {@code Nicks} keeps who has which nick and how a nick changes hands (guests, {@code /nick}, the cluster's
 * claim); {@code HistoryReads} does every read of the history store, off the lock on the core's reads executor.
 *
 * <p>Registered nicks live in {@code Accounts} and moderation in {@code Moderation}: the core hands each its
 * family of commands ({@link parley.protocol.AccountCommand}, {@link parley.protocol.RoomCommand}) and asks them
 * at a few points (a rename, a private message, a welcome, a tick). Password hashing runs on the small executor of
 * {@link parley.core.TrustSettings} and comes back under the lock; what outlives the process is in a
 * {@link parley.trust.TrustStore}.
 *
 * <p>A spoken line goes through a {@link parley.core.RoomRelay}, which numbers it and hands it back to be
 * delivered: {@link parley.core.LocalRelay} at once (one server), a cluster's relay once the line is back from
 * its room's Redis stream (module {@code cluster}). Who is where beyond this server goes through a
 * {@link parley.core.PresenceRelay} (nick claims, comings and goings, private messages to other nodes;
 * {@code PresenceRelay.alone()} on one server); {@code OtherNodes} keeps the other nodes' people, which
 * {@code /who}, {@code /rooms} and the big-room rules count with the local ones.
 */
package parley.core;
