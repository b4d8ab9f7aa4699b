package dev.pushflow.ui.doctor;

import dev.pushflow.ui.AppContext;

/** STUB, being built: state of the Doctor panel. */
public final class DoctorViewModel {
    private final AppContext ctx;

    public DoctorViewModel(AppContext ctx) {
        this.ctx = ctx;
    }

    public AppContext context() {
        return ctx;
    }
}
