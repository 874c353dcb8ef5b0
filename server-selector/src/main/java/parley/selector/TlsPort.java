package parley.selector;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import parley.server.DaemonThreads;
import parley.tls.TlsSettings;

/**
 * The selector backend's TLS port: its settings and the small pool that runs the SSLEngine's delegated tasks
 * (key exchange, signatures, certificate checks) so that no loop ever waits for them.
 *
 * @param settings the port, the key, the handshake timeout
 * @param tasks    two threads (the machine's cores, at most), 1,024 handshakes waiting at most; beyond that a
 *                 new handshake is refused (its connection closes) rather than queued without bound
 */
record TlsPort(TlsSettings settings, ExecutorService tasks) {

    private static final int QUEUE = 1024;

    static TlsPort start(TlsSettings settings) {
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("parley-tls-task"));
        pool.allowCoreThreadTimeOut(true); // an idle TLS port keeps no thread
        return new TlsPort(settings, pool);
    }
}
