package dev.pushflow.ui;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSizeTest {

    /** Visual bounds as JavaFX reports them: logical pixels, the task bar or menu bar already taken off. */
    @ParameterizedTest(name = "{0}x{1} at ({2},{3}) -> {4}x{5}")
    @CsvSource({
            "1280, 720, 0, 0, 1280, 720",     // a projector: no task bar
            "1280, 692, 0, 28, 1280, 692",    // the same with a top panel
            "1366, 728, 0, 0, 1280, 728",     // a laptop with a 40 px task bar
            "1920, 1040, 0, 0, 1280, 800",    // full HD: the preferred size, centred
            "1280, 695, 0, 25, 1280, 695",    // a 2560x1440 HiDPI screen at 200%, macOS menu bar
            "1536, 824, 0, 0, 1280, 800"})    // 1920x1080 at 125%
    void the_window_fits_inside_the_screens_visual_bounds(double w, double h, double x, double y, double ew,
                                                           double eh) {
        Rectangle2D visual = new Rectangle2D(x, y, w, h);
        WindowSize s = WindowSize.fit(visual);
        assertEquals(ew, s.width());
        assertEquals(eh, s.height());
        assertTrue(s.x() >= visual.getMinX() && s.x() + s.width() <= visual.getMaxX());
        assertTrue(s.y() >= visual.getMinY() && s.y() + s.height() <= visual.getMaxY(), "the title and status bars show");
        assertTrue(s.minWidth() <= s.width() && s.minHeight() <= s.height(), "the minimum never exceeds the screen");
    }

    @ParameterizedTest
    @CsvSource({"/x/xdg, /home/u, /x/xdg/pushflow", "'', /home/u, /home/u/.config/pushflow"})
    void the_config_folder_follows_XDG_CONFIG_HOME_else_HOME(String xdg, String home, String expected) {
        assertEquals(Path.of(expected), ConfigDir.fromEnvironment(Map.of("XDG_CONFIG_HOME", xdg, "HOME", home),
                "/jvm/user.home"));
    }
}
