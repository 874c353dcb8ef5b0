/**
 * What a backend is to the launcher: {@link parley.server.ServerBackend} (found with ServiceLoader by
 * {@link parley.server.Backends}), the {@link parley.server.ServerSettings} it runs with, and the
 * {@link parley.server.RunningServer} it returns; and what both backends share around their sockets: the
 * {@link parley.server.Acceptor} and {@link parley.server.Gatekeeper} every new socket passes (the connection
 * rate from {@link parley.server.ConnectRate}, the caps from {@link parley.server.Admission}, refusals counted
 * in {@link parley.server.Refusals}; the listen backlog and the rates in {@link parley.server.Arrivals}), {@link parley.server.ConnectionThreads} (virtual
 * threads where the JVM has them), the {@link parley.server.CoreTicker} that calls the core's tick every second,
 * {@link parley.server.DaemonThreads}, {@link parley.server.Quietly} and
 * {@link parley.server.SocketAddresses}.
 *
 * <pre>
 *  launcher --Backends.find(name)--&gt; ServerBackend.start(ServerSettings, ChatCore) --&gt; RunningServer
 *  listener --Acceptor--&gt; Gatekeeper.admit: ConnectRate, then Admission
 *      refused (one line, closed, counted) | admitted --&gt; the backend serves it
 * </pre>
 */
package parley.server;
