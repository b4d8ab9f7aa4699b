package dev.pushflow.ui;

import javafx.geometry.Rectangle2D;

/**
 * Where the window opens: 1280x800 when the screen has room for it, else the screen's visual bounds (the screen
 * without the task bar or the menu bar), so the title bar and the status bar are never off-screen (a 1280x720
 * projector, a 1366x768 laptop). The bounds are in JavaFX's logical pixels, so a HiDPI screen at 200% counts as
 * half its physical size. The minimum size never exceeds the screen either.
 */
public record WindowSize(double x, double y, double width, double height, double minWidth, double minHeight) {
    public static final double PREFERRED_WIDTH = 1280;
    public static final double PREFERRED_HEIGHT = 800;
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 600;

    /** The window's size and place on a screen whose visual bounds are {@code visual}. */
    public static WindowSize fit(Rectangle2D visual) {
        double w = Math.min(PREFERRED_WIDTH, visual.getWidth());
        double h = Math.min(PREFERRED_HEIGHT, visual.getHeight());
        double x = visual.getMinX() + (visual.getWidth() - w) / 2;
        double y = visual.getMinY() + (visual.getHeight() - h) / 2;
        return new WindowSize(x, y, w, h, Math.min(MIN_WIDTH, w), Math.min(MIN_HEIGHT, h));
    }
}
