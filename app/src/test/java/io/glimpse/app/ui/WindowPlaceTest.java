package io.glimpse.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.ui.service.Settings;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The remembered window place fitted to the screens attached now (no toolkit needed). */
class WindowPlaceTest {
    static final Rectangle2D PRIMARY = new Rectangle2D(0, 0, 1920, 1040); // a 1080p screen less its task bar
    static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1024);

    static Settings.Window window(double x, double y, double width, double height) {
        Settings.Window w = new Settings.Window();
        w.x = x;
        w.y = y;
        w.width = width;
        w.height = height;
        return w;
    }

    @Test
    void aHugeSizeIsClampedToTheScreenItOpensOn() {
        assertThat(WindowPlace.fit(window(0, 0, 16384, 16384), List.of(PRIMARY, RIGHT)))
                .isEqualTo(new WindowPlace(0, 0, 1920, 1040, true));
        assertThat(WindowPlace.fit(window(2000, 10, 16384, 16384), List.of(PRIMARY, RIGHT)))
                .isEqualTo(new WindowPlace(1920, 0, 1280, 1024, true));
    }

    @Test
    void aPlaceOffEveryScreenIsLeftToTheSystem() {
        // the right screen was unplugged since the last run
        assertThat(WindowPlace.fit(window(2000, 100, 1280, 860), List.of(PRIMARY)))
                .isEqualTo(new WindowPlace(0, 0, 1280, 860, false));
    }

    @Test
    void aWindowHangingOffItsScreenIsMovedBackOntoIt() {
        assertThat(WindowPlace.fit(window(1500, 900, 1280, 860), List.of(PRIMARY)))
                .isEqualTo(new WindowPlace(640, 180, 1280, 860, true));
        // across two screens: onto the one it overlaps most (here the right one, 860x124 against 420x140)
        assertThat(WindowPlace.fit(window(1500, 900, 1280, 860), List.of(PRIMARY, RIGHT)))
                .isEqualTo(new WindowPlace(1920, 164, 1280, 860, true));
    }

    @Test
    void theDefaultsLetTheSystemPlaceAWindowNoSmallerThanTheLayoutNeeds() {
        assertThat(WindowPlace.fit(new Settings.Window(), List.of(PRIMARY))).isEqualTo(new WindowPlace(0, 0, 1280, 860, false));
        assertThat(WindowPlace.fit(window(-1, -1, 640, 480), List.of(PRIMARY))).isEqualTo(new WindowPlace(0, 0, 800, 600, false));
    }
}
