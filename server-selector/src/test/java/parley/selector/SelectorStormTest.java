package parley.selector;

import parley.conformance.StormContract;
import parley.server.ServerBackend;

class SelectorStormTest extends StormContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
