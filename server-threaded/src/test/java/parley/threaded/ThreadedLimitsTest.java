package parley.threaded;

import parley.conformance.LimitsContract;
import parley.server.ServerBackend;

class ThreadedLimitsTest extends LimitsContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
