/**
 * The servers being measured: started per run, sampled through {@code /proc}, stopped after.
 *
 * <pre>
 *  TargetSpec (from the command line) --TargetStarter--&gt; RunningTarget
 *     Backend  -&gt; ParleyServerTarget: [taskset -c 1] java ... parley.app.Parley server --port 0
 *                 (ServerProcess waits for "listening on HOST:PORT backend=NAME")
 *     Cluster  -&gt; ClusterTarget: a redis-server, then N ParleyServerTargets with --cluster redis://... --node nK
 *                 (addresses(): the nodes; sample(): all processes added up; parts(): each of them)
 *     Redis    -&gt; RedisTarget: redis-server on a free port (or one the user runs; RedisProbe: PING, pid)
 *     Line     -&gt; LineTarget: a running text-protocol server
 *  RunningTarget.sample() -&gt; ProcReader -&gt; ProcessSample (CPU, RSS, VmHWM, threads)
 *  RunningTarget.collectGarbage() -&gt; HeapProbe: jcmd PID GC.run, GC.heap_info (parley only)
 *  RunningTarget.stop()   -&gt; SIGTERM, bounded wait (and a shutdown hook per process, for Ctrl-C)
 *  CpuPinning: taskset for the bench itself and the servers' command prefix
 * </pre>
 */
package parley.bench.target;
