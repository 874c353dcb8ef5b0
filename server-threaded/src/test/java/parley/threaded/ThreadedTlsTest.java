package parley.threaded;

import parley.conformance.TlsContract;
import parley.server.ServerBackend;

class ThreadedTlsTest extends TlsContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
