package io.glimpse.app.cli;

import io.glimpse.inference.ledger.VisionProcessor;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes the tiles and canvases a vision processor makes, as PNGs: exactly what the encoder will receive. */
final class WhatTheModelSees {
    private WhatTheModelSees() {
    }

    static void dump(Path dir, VisionProcessor vision, List<Path> images, int maxGrids, List<Path> videos,
                     List<SamplingPlan> plans, PrintWriter err) throws MediaException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        for (int i = 0; i < images.size(); i++) {
            List<RgbImage> tiles = vision.imageTiles(ImageLoader.defaults().load(images.get(i)), maxGrids);
            for (int t = 0; t < tiles.size(); t++) {
                write(tiles.get(t), dir.resolve(String.format(Locale.ROOT, "image%02d-%s.png", i + 1, t == 0 ? "global" : "tile" + t)));
            }
        }
        for (int v = 0; v < videos.size(); v++) {
            SamplingPlan plan = plans.get(v);
            List<RgbImage> frames = new ArrayList<>();
            FrameSampler.sample(videos.get(v), SamplingRequest.of(new FrameSelection.Count(plan.indices().size()))
                            .withRange(plan.startSeconds(), plan.endSeconds()),
                    f -> frames.add(vision.prepareFrame(f.image())), CancelToken.NONE, ProgressListener.NONE);
            List<List<RgbImage>> canvases = vision.videoCanvases(frames);
            for (int c = 0; c < canvases.size(); c++) {
                for (int g = 0; g < canvases.get(c).size(); g++) {
                    write(canvases.get(c).get(g), dir.resolve(String.format(Locale.ROOT, "video%02d-canvas%02d-grid%d.png", v + 1, c + 1, g + 1)));
                }
            }
        }
        err.println("glimpse: what the model sees written to " + dir);
    }

    private static void write(RgbImage image, Path file) {
        try {
            ImageIO.write(image.toBufferedImage(), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
