/**
 * The connection to the server, on its own threads; nothing here ever runs on the UI thread's time.
 *
 * <pre>
 *  reader thread:  connect --> Dialer (plain, or TLS: handshake, certificate and host checked) --> "PARLEY/2 MACHINE" --> skip text lines --> WELCOME --> restore /nick, /join
 *                  --> MachineFormat.parse each line (events with ids, history frames)
 *                  --> NickFallback (nick taken: nick_, nick__) --> RoomLedger (drop repeats by id; on entering
 *                      a room seen before: "/history since LAST 500", hold its lines until the page ends)
 *                  --> LinkListener.received / .older (to the UI's queue)
 *                  loss --> LinkListener.changed(RETRYING) --> Backoff delay --> connect again
 *                  closed before WELCOME --> the refusal's "!! reason" text line is the reason reported
 *  any thread:     ServerLink.send --> Outbox (kept while offline) --> writer thread --> socket
 *                      |  Command.isQuit: is this line a /quit, read as the server reads it?
 * </pre>
 *
 * {@link parley.protocol.Command}, the server's own grammar, is how the client reads a typed line; the
 * state's client commands use it too, so client and server never disagree on which line is which command.
 */
package parley.client.net;
