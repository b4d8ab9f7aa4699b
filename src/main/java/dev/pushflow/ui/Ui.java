package dev.pushflow.ui;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small view helpers shared by the panels: cards, section titles, tooltips that name the seed's terms. */
public final class Ui {
    private Ui() {
    }

    /**
     * Whether the user can see {@code n}: it is in a scene and it and every parent are visible. The window keeps the
     * panels it built in its scene and shows one at a time, so "in a scene" alone no longer means "on screen".
     */
    public static boolean isShown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@code action} every {@code period} while {@code owner} is shown (and once when it joins a scene shown): a
     * poll of state that changes on other threads. The timeline runs while the owner is in a scene; its ticks do
     * nothing while the owner's panel is hidden.
     */
    public static void pollWhileShown(Node owner, Duration period, Runnable action) {
        Timeline poll = new Timeline(new KeyFrame(period, e -> {
            if (isShown(owner)) {
                action.run();
            }
        }));
        poll.setCycleCount(Animation.INDEFINITE);
        owner.sceneProperty().addListener((o, a, scene) -> {
            if (scene == null) {
                poll.stop();
            } else {
                if (isShown(owner)) {
                    action.run();
                }
                poll.play();
            }
        });
    }

    /** A titled card: the panels' building block (styled in pushflow.css). */
    public static VBox card(String title, Feather icon, Node... children) {
        Label t = new Label(title, icon == null ? null : new FontIcon(icon));
        t.getStyleClass().add("card-title");
        VBox box = new VBox(10);
        box.getStyleClass().add("card");
        box.getChildren().add(t);
        box.getChildren().addAll(children);
        return box;
    }

    public static <T extends Control> T tip(T control, String text) {
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(Duration.millis(300));
        tip.setShowDuration(Duration.seconds(30));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        control.setTooltip(tip);
        return control;
    }

    public static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        return l;
    }

    public static Region hspacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static HBox row(double spacing, Node... children) {
        HBox h = new HBox(spacing, children);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** A message line bound to a view model's message + error flag. */
    public static Label statusLine(javafx.beans.value.ObservableStringValue text,
                                   javafx.beans.value.ObservableBooleanValue error) {
        Label l = new Label();
        l.getStyleClass().add("status-line");
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped whole, never cut to "…"
        Runnable update = () -> {
            l.getStyleClass().removeAll("error-text", "ok-text");
            l.getStyleClass().add(error.get() ? "error-text" : "ok-text");
            l.setGraphic(text.get() == null || text.get().isEmpty() ? null
                    : new FontIcon(error.get() ? Feather.ALERT_TRIANGLE : Feather.CHECK_CIRCLE));
        };
        update.run();
        text.addListener((o, a, b) -> update.run());
        error.addListener((o, a, b) -> update.run());
        return l;
    }

    /**
     * Keeps the newest (last) row of a list or table in sight as rows arrive, unless the user scrolled away from the
     * end; scrolling back to the end follows again. {@code scrollTo} is the control's own scrollTo.
     */
    public static void followNewest(javafx.scene.control.Control control, javafx.collections.ObservableList<?> rows,
                                    java.util.function.IntConsumer scrollTo, java.util.function.BooleanSupplier allowed) {
        boolean[] atEnd = {true};
        control.skinProperty().addListener((o, a, skin) -> {
            if (control.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
                flow.positionProperty().addListener((p, was, now) -> atEnd[0] = now.doubleValue() >= 0.999);
            }
        });
        rows.addListener((javafx.collections.ListChangeListener<Object>) c -> {
            if (atEnd[0] && !rows.isEmpty() && allowed.getAsBoolean()) {
                scrollTo.accept(rows.size() - 1);
            }
        });
    }
}
