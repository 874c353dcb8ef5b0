/**
 * The load generator: java.nio clients on a few selector threads, and the adapters that let the same clients
 * speak parley's text protocol or Redis pub/sub.
 *
 * <pre>
 *  driver thread                       LoadEngine
 *  -------------                       ----------------------------------------------------------
 *  connect(LoadClient) ------------&gt;   LoadLoop k (own Selector, own clients, own histogram)
 *  startSending(SendPlan) ---------&gt;     select -&gt; read -&gt; WireAdapter.Decoder -&gt; Events
 *                                        -&gt; Payload.parse (sender, seq, sendNanos)
 *                                        -&gt; SequenceChecker.arrive, LatencyRecorder.record
 *                                      generate: Payload.encode -&gt; WireAdapter.Publisher -&gt; write
 *  drained()? stop() (join) &lt;-------   RunState: plan, counters, departures, errors (thread-safe)
 *  then read results from the loops
 * </pre>
 *
 * Against a cluster, the clients are spread over its nodes round-robin (client i on node i % N) and each loop
 * keeps the latencies of deliveries that crossed nodes apart from the same-node ones.
 *
 * Adapters: {@link parley.bench.load.ParleyLineAdapter} (text mode, {@code /join ROOM}, lines),
 * {@link parley.bench.load.RedisAdapter} (RESP3: {@code HELLO 3}, {@code SUBSCRIBE}, {@code PUBLISH}).
 */
package parley.bench.load;
