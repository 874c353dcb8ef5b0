package parley.threaded;

import parley.conformance.StormContract;
import parley.server.ServerBackend;

class ThreadedStormTest extends StormContract {
    @Override
    protected ServerBackend backend() {
        return new ThreadedBackend();
    }
}
