import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor scripts/measure-startup compares PushFlow with: a one-label JavaFX window, started the usual way
 * (JavaFX on the module path). Prints when its first frame is laid out, counted from -Dpushflow.t0 (epoch ms
 * taken by the script before it started the JVM), then exits.
 */
public class BareWindow extends Application {
    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello")), 1280, 800);
        stage.setTitle("Bare JavaFX window");
        stage.setScene(scene);
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            long ms = System.currentTimeMillis() - Long.getLong("pushflow.t0", System.currentTimeMillis());
            System.out.println("startup: window visible after " + ms + " ms");
            System.out.println("startup: window interactive after " + ms + " ms");
            Platform.runLater(Platform::exit);
        };
        scene.addPostLayoutPulseListener(once[0]);
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
