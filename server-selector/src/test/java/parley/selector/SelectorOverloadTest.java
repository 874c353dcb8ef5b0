package parley.selector;

import parley.conformance.OverloadContract;
import parley.server.ServerBackend;

class SelectorOverloadTest extends OverloadContract {
    @Override
    protected ServerBackend backend() {
        return new SelectorBackend();
    }
}
