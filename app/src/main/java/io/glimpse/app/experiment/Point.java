package io.glimpse.app.experiment;

import io.glimpse.inference.vision.AskRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of an experiment, planned: its label, the model folder and the exact request.
 *
 * @param label           what the table and the chart call it ("count=8", "budget 512")
 * @param model           the model folder
 * @param request         the request as it will be sent
 * @param budget          the visual budget it was solved for, or null
 * @param framesPerVideo  the frames chosen per video by a budget, else empty (the request's selection says)
 * @param plannedVisual   the visual tokens the plan counts for a budget point, or null
 */
public record Point(String label, Path model, AskRequest request, Integer budget, List<Integer> framesPerVideo,
                    Integer plannedVisual) {
    public Point {
        framesPerVideo = List.copyOf(framesPerVideo);
    }

    public static Point of(String label, Path model, AskRequest request) {
        return new Point(label, model, request, null, List.of(), null);
    }

    public static Point of(Path model, BudgetPoint b) {
        return new Point("budget " + b.budget(), model, b.request(), b.budget(), b.framesPerVideo(), b.plannedVisual());
    }
}
