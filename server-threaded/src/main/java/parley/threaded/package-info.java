/**
 * The blocking backend: one acceptor thread, and a reader and a writer thread per connection (virtual
 * threads on Java 21+, from {@link parley.server.ConnectionThreads}).
 *
 * <pre>
 *  Acceptor (parley.server) --accept()--&gt; ThreadedServer.serve --&gt; new Connection
 *  Connection  reader: socket.read --&gt; LineDecoder --&gt; ChatCore.receive (waits for a rate-limit token first)
 *              ChatCore (any thread, lock held) --&gt; send(): OutboundQueue.offer, signal the writer; never blocks
 *              writer: wait for work --&gt; OutboundQueue.writeTo(socket), a blocking gathering write
 *  overflow:   a short-lived thread closes the socket (unblocking a writer stuck on that client)
 *  EOF, /quit: the room hears the leave at once; the writer closes once the queue is written
 *              (ServerContext's one timer thread closes it after CLOSE_AFTER_FLUSH at the latest)
 * </pre>
 */
package parley.threaded;
