/**
 * The java.nio Selector backend: a few event loops, each one thread and one selector serving many sockets.
 *
 * <pre>
 *  Acceptor (parley.server)        EventLoop 0..N-1 (one thread, one Selector each)
 *  ---------------                 ------------------------------------------------------------------
 *  accept() -- round-robin -----&gt;  TaskHandoff: queue + wakeup() only if the loop may be sleeping
 *                                    ^    (new sockets, cross-thread writes, closeAfterFlush, stop)
 *  ChatCore (any thread, lock      |
 *  held) -- Connection.send:  -----+    copy into the connection's OutputBuffer; on the first line
 *           queue only                  since the last write, queue a write on its loop
 *
 *  One turn of a loop, in order:
 *
 *   +--&gt; 1. run handed-in tasks      register sockets (and join the chat), note pending writes, stop.
 *   |                                First, so a welcome or a cross-thread line goes out this turn.
 *   |    2. write pending output     straight to the socket, at most 256 KiB a connection; OP_WRITE
 *   |                                only if bytes remain (most lines fit, so most turns need no
 *   |                                extra select); overflowed buffers are closed here, a safe point
 *   |                                outside the core's lock ("slow consumer: more than N bytes").
 *   |                                Every 100 µs of small writes, step 5 not blocking: lines that arrived
 *   |                                go into the writes still to come (LoopTuning.readAgainNanos).
 *   |    3. run timers               close connections whose flush deadline (after /quit, EOF or
 *   |                                stop) has passed; hand rate-limited lines whose tokens are back
 *   |                                to the core, and take such a connection back into OP_READ.
 *   |    4. select                   block until a socket is ready, a task is posted, or the nearest
 *   |                                deadline; do not block at all if writes are still pending.
 *   |    5. process ready keys       readable: read into the loop's one buffer, feed the connection's
 *   |                                LineDecoder at once (it keeps only a partial line), each line to
 *   |                                ChatCore in order, one ChatCore.batch per read (a member gets a
 *   |                                read's room lines as one run), 16 KiB per connection at most (a line that
 *   |                                finds no rate-limit token is held, and the connection leaves
 *   |                                OP_READ until step 3 releases it); then
 *   |                                writable: continue the write OP_WRITE was waiting for.
 *   +----------------------------    Replies a read produces land in pending writes: back to 1.
 * </pre>
 *
 * A connection reads and writes through a {@link parley.selector.Wire}: the socket itself on the plain port, an
 * SSLEngine driven by the loop on the TLS port ({@link parley.selector.TlsWire}: the handshake at any time,
 * delegated tasks on {@link parley.selector.TlsPort}'s pool, output encrypted from the OutputBuffer at write
 * time; docs/ARCHITECTURE.md, "TLS").
 *
 * Only a loop's own thread touches its selector, keys, channels, decoders and read buffer; other threads
 * reach it through {@link parley.selector.TaskHandoff}. Whatever one connection's work throws closes that
 * connection and the loop goes on; a loop that fails on its own reports it through
 * {@code RunningServer.failure()}. Shutdown: close the listener, let hand-offs land,
 * {@code announceShutdown()}, then every loop flushes and closes its connections by the deadline and ends.
 */
package parley.selector;
