package io.glimpse.app.ui;

import javafx.application.Application;

/**
 * Main class of the window. It must not extend {@link Application} itself: with JavaFX on the
 * class path (not the module path) the launcher would refuse with "JavaFX runtime components are missing".
 */
public final class WindowLauncher {
    private WindowLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(GlimpseApp.class, args);
    }
}
