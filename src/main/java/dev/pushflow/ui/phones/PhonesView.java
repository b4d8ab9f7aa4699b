package dev.pushflow.ui.phones;

import dev.pushflow.tap.RedirectKind;
import dev.pushflow.ui.Ui;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** Panel 4: the phones side by side and, on the right, where the last tap led. */
public final class PhonesView extends BorderPane {
    private final PhonesViewModel vm;
    private final FlowPane phones = new FlowPane(24, 16);

    public PhonesView(PhonesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("panel");
        setId("phones-view");
        phones.getStyleClass().add("phones");
        phones.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(phones);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        // The scroll pane caches its viewport as one image; the lock screens change many times a second during a
        // flood, and each change re-rendered the whole viewport (every phone, every shadow) into that image.
        // Uncached, only the changed parts (a badge, a banner) are redrawn.
        scroll.skinProperty().addListener((o, a, skin) -> uncacheViewport(scroll));
        setCenter(scroll);
        // Phones scale down with the panel's height so their controls show without scrolling (1280x720).
        scroll.viewportBoundsProperty().addListener((o, a, b) -> rescale(b.getHeight()));
        VBox tap = tapCard();
        tap.setPrefWidth(340);
        tap.setMinWidth(320);
        BorderPane.setMargin(tap, new Insets(0, 0, 0, 12));
        setRight(tap);
        setTop(clockBar());
        render();
        vm.phones().addListener((ListChangeListener<PhoneModel>) c -> render());
        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(5), e -> phones.getChildren().forEach(n -> {
            if (n instanceof PhoneCard p) {
                p.tick();
            }
        })));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
    }

    /** The simulated clock: move it on to let stored pushes expire or the background budget's hour pass. */
    private javafx.scene.Node clockBar() {
        Label clock = new Label();
        clock.setId("phones-clock");
        clock.textProperty().bind(vm.clockProperty());
        clock.getStyleClass().add("phones-clock");
        clock.setGraphic(new org.kordamp.ikonli.javafx.FontIcon(Feather.CLOCK));
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(6, clock,
                clockButton("+1 min", java.time.Duration.ofMinutes(1)),
                clockButton("+1 h", java.time.Duration.ofHours(1)),
                clockButton("+1 day", java.time.Duration.ofDays(1)));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("phones-toolbar");
        BorderPane.setMargin(bar, new Insets(0, 0, 8, 0));
        return bar;
    }

    private javafx.scene.control.Button clockButton(String text, java.time.Duration by) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(text);
        b.setId("phones-clock-" + text.replace("+1 ", "").replace(" ", ""));
        Ui.tip(b, "Move the simulated clock " + text.substring(1) + " forward: APNs discards a stored push whose"
                + " apns-expiration passed when it would deliver it; the background budget counts per hour");
        b.setOnAction(e -> vm.advanceClock(by));
        return b;
    }

    static void uncacheViewport(ScrollPane scroll) {
        if (scroll.lookup(".viewport") instanceof javafx.scene.Node viewport) {
            viewport.setCache(false);
        }
    }

    private double scale = 1;

    private void render() {
        phones.getChildren().setAll(vm.phones().stream().map(p -> {
            PhoneCard card = new PhoneCard(p, vm);
            card.scale(scale);
            return card;
        }).toList());
    }

    private void rescale(double viewportHeight) {
        if (viewportHeight <= 0) {
            return;
        }
        double s = Math.min(1, (viewportHeight - PhoneCard.BELOW_FRAME - 16) / PhoneCard.FRAME_HEIGHT);
        if (Math.abs(s - scale) < 0.01) {
            return;
        }
        scale = s;
        phones.getChildren().forEach(n -> {
            if (n instanceof PhoneCard p) {
                p.scale(s);
            }
        });
    }

    private VBox tapCard() {
        Label target = new Label();
        target.setId("tap-target");
        target.textProperty().bind(vm.tapTargetProperty());
        target.getStyleClass().add("tap-target");
        target.setWrapText(true);
        target.setMinHeight(USE_PREF_SIZE); // the whole target, wrapped, never "Open group chat …"
        vm.tapKindProperty().addListener((o, a, b) -> {
            for (RedirectKind k : RedirectKind.values()) {
                target.pseudoClassStateChanged(PseudoClass.getPseudoClass(k.wireName()), k == b);
            }
        });
        Label detail = new Label();
        detail.setId("tap-detail");
        detail.textProperty().bind(vm.tapDetailProperty());
        detail.setWrapText(true);
        detail.setMinHeight(USE_PREF_SIZE);
        detail.getStyleClass().add("muted");
        TextArea entity = code(vm.tapEntityProperty().get());
        entity.setId("tap-entity");
        entity.textProperty().bind(vm.tapEntityProperty());
        entity.setPrefRowCount(8);
        TextArea userInfo = code("");
        userInfo.setId("tap-userinfo");
        userInfo.textProperty().bind(vm.tapUserInfoProperty());
        VBox.setVgrow(userInfo, Priority.ALWAYS);
        Label msg = new Label();
        msg.textProperty().bind(vm.messageProperty());
        msg.getStyleClass().add("error-text");
        msg.setWrapText(true);
        return Ui.card("Tap-to-redirect", Feather.NAVIGATION, target, detail,
                Ui.label("entity (parsed from userInfo[\"ext\"])", "field-label"), entity,
                Ui.label("userInfo (the whole payload)", "field-label"), userInfo, msg);
    }

    static TextArea code(String text) {
        TextArea a = new TextArea(text);
        a.setEditable(false);
        a.setWrapText(true);
        a.getStyleClass().add("code");
        return a;
    }
}
