/**
 * {@code parley bench}: the command, its options, and the scenarios it runs.
 *
 * <pre>
 *  BenchCommand (options, LoadOptions)
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
 * Progress goes to stderr (Progress); nothing here is static and mutable.
 */
package parley.bench;
