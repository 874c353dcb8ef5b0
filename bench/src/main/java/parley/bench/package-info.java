/**
 * {@code parley bench}: the command, its options, and the scenarios it runs.
 *
 * <pre>
 *  BenchCommand (options, LoadOptions; ClusterChoice: --cluster N adds "BACKEND xN" targets)
 *     |  targets (TargetSpec) x scenarios (Scenario) x repeats
 *     v
 *  BenchRunner --start--&gt; target.RunningTarget (a server JVM, redis-server, or a running line:// server)
 *     |
 *     +--&gt; RoomScenario  (fanout, saturate, slow) --+--&gt; load.LoadEngine (selector threads, LoadClients)
 *     +--&gt; IdleScenario  (idle)                    --+        |
 *     +--&gt; LobbyScenario (lobby)                   --+        |
 *     |                                                     measure.* (latency, loss, order, own CPU)
 *     v
 *  report.Result per run --&gt; report.Medians --&gt; TableWriter (stdout), JsonWriter, CsvWriter, ChartWriter
 * </pre>
 *
 * A cluster (target.ClusterTarget) is one more RunningTarget: RoomScenario spreads its clients over the nodes,
 * and ClusterNotes says how many deliveries crossed nodes and what CPU each process used.
 *
 * Progress goes to stderr (Progress); nothing here is static and mutable.
 */
package parley.bench;
