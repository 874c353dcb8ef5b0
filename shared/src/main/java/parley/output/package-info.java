/**
 * Where a server's output waits for its sockets: one {@link parley.output.OutputBuffer} per connection, made of
 * direct chunks from one pool per server, {@link parley.output.OutputMemory}, under one budget: 4 KiB chunks,
 * and 512-byte ones for the first short line of an empty buffer (an idle member sent one broadcast).
 *
 * <pre>
 *  ChatCore (lock held) --Outbound.send(shared encoded line)--&gt; OutputBuffer.offer: copy into the tail chunk
 *        (a fresh chunk from the pool when it is full, a small one if the buffer was empty and the line
        fits; limits count whole chunks of either size)
 *  writer (loop or thread) --OutputBuffer.writeTo(socket)--&gt; one gathering write over the chunks;
 *        chunks written out go back to the pool at once
 *  pool empty (the budget is used up) --&gt; OutputMemory.reclaim: the biggest holders overflow, their chunks
 *        come back, their backends close them as slow consumers
 * </pre>
 */
package parley.output;
