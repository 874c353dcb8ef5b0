/**
 * The blocking backend: one acceptor thread, and a reader and a writer thread per connection (virtual
 * threads on Java 21+, from {@link parley.server.ConnectionThreads}).
 *
 * <pre>
 *  Acceptor (parley.server) --accept()--&gt; ThreadedServer.serve --&gt; new Connection
 *  Connection  reader: socket.read --&gt; LineDecoder --&gt; ChatCore.receive (waits for a rate-limit token first)
 *              ChatCore (any thread, lock held) --&gt; send(): OutputBuffer.offer, signal the writer; never blocks
 *              writer: wait for work --&gt; OutputBuffer.writeTo(socket), a blocking gathering write;
 *                      started once the welcome is queued; a virtual one ends as soon as it has nothing left
 *                      to write, and the next send() starts another (platform writers stay and wait)
 *  overflow:   ServerContext's one timer thread closes the socket (unblocking a writer stuck on that client)
 *  EOF, /quit: the room hears the leave at once; the writer closes once the buffer is written
 *              (the timer thread closes it after CLOSE_AFTER_FLUSH at the latest)
 *  TLS port:   the handshake first, on the connection's own thread (an SSLSocket over the socket, TlsStreams);
 *              the timer closes a socket whose handshake outlives the timeout; then the same reader and writer
 *  a throw:    whatever a connection's thread throws, an Error too, closes that connection and no other
 * </pre>
 */
package parley.threaded;
