package io.glimpse.inference.vision;

import io.glimpse.inference.hcx.HcxImageProcessor;
import io.glimpse.inference.hcx.HcxVideoProcessor;
import io.glimpse.inference.hcx.HcxVisionSettings;
import io.glimpse.media.CancelToken;
import io.glimpse.media.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Preprocessing, encoding and stitching of every image and video of an ask, item by item in prompt
 * order (images, then videos). Cancellable between tiles and between encoder batches. Stateless.
 */
final class VisualStage {
    private VisualStage() {
    }

    /**
     * One image's or video's encoder input.
     *
     * @param pixels  NCHW floats of its tiles (images: global first, then local row-major; videos: grids canvas by canvas)
     * @param tiles   how many
     * @param queries each tile's query count
     * @param layout  the image's hcx-anyres stitching geometry; null for a video and under the generic processor
     * @param image   an image (else a video)
     */
    record Item(float[] pixels, int tiles, int[] queries, FeatureStitcher.ImageLayout layout, boolean image) {
    }

    /** Tiles and pixels of every item; {@code settings} is already limited to the request's grid count. */
    static List<Item> preprocess(MediaStage.Decoded media, HcxVisionSettings settings, CancelToken cancel,
                                 DoubleConsumer progress) {
        int items = media.images().size() + media.videos().size();
        List<Item> out = new ArrayList<>();
        for (MediaStage.Image image : media.images()) {
            cancel.throwIfCancelled();
            RgbImage pic = image.image();
            FeatureStitcher.ImageLayout layout = FeatureStitcher.imageLayout(pic.width(), pic.height(), settings);
            List<RgbImage> tiles = HcxImageProcessor.tiles(pic, settings, cancel);
            int[] queries = new int[tiles.size()];
            java.util.Arrays.fill(queries, settings.queriesImage());
            out.add(new Item(pixels(tiles, settings, cancel, out.size(), items, progress), tiles.size(), queries, layout, true));
        }
        for (MediaStage.Video video : media.videos()) {
            cancel.throwIfCancelled();
            int[] queries = FeatureStitcher.videoQueries(video.frames().size(), settings);
            // Canvas by canvas (frames beyond the per-video cap dropped first), so a cancel request waits for
            // one canvas's resizing at most; each canvas is the same as canvases() of the whole list gives.
            List<RgbImage> frames = video.frames().subList(0, queries.length);
            List<RgbImage> grids = new ArrayList<>();
            for (int first = 0; first < frames.size(); first += settings.maxFramesPerCanvas()) {
                cancel.throwIfCancelled();
                List<RgbImage> canvasFrames = frames.subList(first, Math.min(frames.size(), first + settings.maxFramesPerCanvas()));
                HcxVideoProcessor.canvases(canvasFrames, settings).forEach(grids::addAll);
            }
            if (queries.length != grids.size()) {
                throw new IllegalStateException(video.name() + ": " + grids.size() + " grids but " + queries.length + " query counts");
            }
            out.add(new Item(pixels(grids, settings, cancel, out.size(), items, progress), grids.size(), queries, null, false));
        }
        return out;
    }

    /** Normalized pixels tile by tile, checking the cancel token between tiles. */
    private static float[] pixels(List<RgbImage> tiles, HcxVisionSettings settings, CancelToken cancel, int item, int items,
                                  DoubleConsumer progress) {
        int per = 3 * settings.gridSize() * settings.gridSize();
        float[] out = new float[Math.multiplyExact(tiles.size(), per)];
        for (int t = 0; t < tiles.size(); t++) {
            cancel.throwIfCancelled();
            System.arraycopy(HcxImageProcessor.pixelValues(List.of(tiles.get(t)), settings), 0, out, t * per, per);
            progress.accept((item + (t + 1.0) / tiles.size()) / items);
        }
        return out;
    }

    /** Every item's encoder rows, in item order. */
    static List<float[]> encode(List<Item> items, VisionEncoder encoder, int side, CancelToken cancel, DoubleConsumer progress) {
        int total = items.stream().mapToInt(Item::tiles).sum();
        List<float[]> out = new ArrayList<>();
        int before = 0;
        for (Item item : items) {
            int done = before;
            out.add(encoder.encode(item.pixels(), item.tiles(), side, item.queries(), cancel,
                    f -> progress.accept((done + f * item.tiles()) / total)));
            before += item.tiles();
        }
        return out;
    }

    /**
     * The placeholder rows of the images (in order) and of the videos (in order), each concatenated.
     *
     * @return {image rows, video rows}
     */
    static float[][] stitch(List<Item> items, List<float[]> encoded, VisionSpec spec, float[] newline) {
        List<float[]> images = new ArrayList<>();
        List<float[]> videos = new ArrayList<>();
        int d = spec.hiddenSize();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            float[] rows = encoded.get(i);
            boolean hcx = spec.stitching() == VisionSpec.Stitching.HCX_ANYRES;
            if (item.image()) {
                images.add(hcx ? FeatureStitcher.image(rows, d, item.layout(), newline) : rows);
            } else {
                videos.add(hcx ? FeatureStitcher.video(rows, d, item.queries()) : rows);
            }
        }
        return new float[][] {concat(images), concat(videos)};
    }

    private static float[] concat(List<float[]> parts) {
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
