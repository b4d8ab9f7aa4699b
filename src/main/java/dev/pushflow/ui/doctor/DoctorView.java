package dev.pushflow.ui.doctor;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** STUB, being built: the Doctor panel. */
public final class DoctorView extends VBox {
    public DoctorView(DoctorViewModel vm) {
        getChildren().add(new Label("Doctor: being built"));
    }
}
