/**
 * What a backend is to the launcher: {@link parley.server.ServerBackend} (found with ServiceLoader by
 * {@link parley.server.Backends}), the {@link parley.server.ServerSettings} it runs with, and the
 * {@link parley.server.RunningServer} it returns. {@link parley.server.ConnectionThreads} gives backends
 * virtual threads where the JVM has them.
 */
package parley.server;
