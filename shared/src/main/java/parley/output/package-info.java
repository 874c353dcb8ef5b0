/**
 * Where a server's output waits for its sockets: one {@link parley.output.OutputBuffer} per connection, made of
 * fixed-size direct chunks from one pool per server, {@link parley.output.OutputMemory}, under one budget.
 *
 * <pre>
 *  ChatCore (lock held) --Outbound.send(shared encoded line)--&gt; OutputBuffer.offer: copy into the tail chunk
 *        (a fresh chunk from the pool when it is full; limits count whole chunks)
 *  writer (loop or thread) --OutputBuffer.writeTo(socket)--&gt; one gathering write over the chunks;
 *        chunks written out go back to the pool at once
 *  pool empty (the budget is used up) --&gt; OutputMemory.reclaim: the biggest holders overflow, their chunks
 *        come back, their backends close them as slow consumers
 * </pre>
 */
package parley.output;
