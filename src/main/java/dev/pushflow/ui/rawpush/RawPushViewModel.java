package dev.pushflow.ui.rawpush;

import dev.pushflow.ui.AppContext;

/** STUB, being built: state of the RawPush panel. */
public final class RawPushViewModel {
    private final AppContext ctx;

    public RawPushViewModel(AppContext ctx) {
        this.ctx = ctx;
    }

    public AppContext context() {
        return ctx;
    }
}
