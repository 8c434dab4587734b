package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.TaskRunner;
import io.glimpse.inference.ledger.VisionProcessor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "What the model sees" for the selected image: the processor's tiles, built in the background
 * (newest selection wins). For a video the view shows the strip's canvases instead. UI thread only.
 */
public final class PreviewViewModel {
    private final TaskRunner runner;
    private final Supplier<VisionProcessor> vision;
    private final TaskRunner.Latest job = new TaskRunner.Latest();
    private final ObjectProperty<ImagePreview> image = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty();

    public PreviewViewModel(TaskRunner runner, Supplier<VisionProcessor> vision) {
        this.runner = runner;
        this.vision = vision;
    }

    public ObjectProperty<ImagePreview> imageProperty() {
        return image;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** The caption over a video's canvases: "1 video canvas: …", "3 video canvases: …". */
    public static String canvasCaption(int canvases) {
        return io.glimpse.inference.ledger.BudgetSolver.plural(canvases, "video canvas") + ": the sampled frames as the encoder gets them";
    }

    /** Shows {@code item} (an image) at {@code maxGrids}; anything else clears the image preview. */
    public void show(MediaItem item, int maxGrids) {
        job.cancel();
        VisionProcessor v = vision.get();
        if (item == null || item.isVideo() || v == null) {
            image.set(null);
            return;
        }
        job.submit(runner, cancel -> ImagePreview.of(item.image(), v, Math.max(1, Math.min(maxGrids, v.maxGrids()))), p -> {
            image.set(p);
            error.set(null);
        }, e -> error.set(item.name() + ": " + MessagesViewModel.describe(e)));
    }
}
