package parley.threaded;

import parley.conformance.OverloadContract;
import parley.server.ServerBackend;

class ThreadedOverloadTest extends OverloadContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
