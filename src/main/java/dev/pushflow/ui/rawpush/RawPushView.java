package dev.pushflow.ui.rawpush;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** STUB, being built: the RawPush panel. */
public final class RawPushView extends VBox {
    public RawPushView(RawPushViewModel vm) {
        getChildren().add(new Label("RawPush: being built"));
    }
}
