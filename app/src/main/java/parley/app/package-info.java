/**
 * The {@code parley} launcher: one small picocli class per subcommand, shared options as mixins, and the
 * wiring that turns options into a running server or client. Nothing here names a backend class: they are
 * on the class path only at run time and are found by name with {@link parley.server.Backends}.
 *
 * <pre>
 *  Parley (main; exit codes by Errors: 2 usage, 1 run time)
 *    +-- server  ServerCommand: ServerOptions --&gt; ServerSettings --&gt; Backends.find(NAME).start(...)
 *    |             StderrLog, StopSignal (SIGTERM/Ctrl-C) --&gt; RunningServer.shutdown(flush)
 *    |             OperationsOptions: --metrics (PrometheusMetrics, MetricsEndpoint), --log-format
 *    |             (text, JsonLogFormat), --log-addresses (AddressPolicy) for StderrLog
 *    +-- client  ClientCommand: ClientOptions --&gt; parley.client.ClientApp (full screen, or --plain)
 *    +-- demo    DemoCommand: a server on a free loopback port + DemoBots + the client on it
 *    +-- bench   parley.bench.BenchCommand (module bench/): starts each backend as "parley server" in a
 *                JVM of its own, from this same jar
 *    +-- train   TrainCommand (hidden): every backend on a loopback port and a crowd of clients, run by the
 *                ./parley script under -XX:AOTCacheOutput to make the servers' start-up cache
 * </pre>
 */
package parley.app;
