package parley.threaded;

import parley.conformance.BackendContract;
import parley.server.ServerBackend;

class ThreadedBackendTest extends BackendContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
