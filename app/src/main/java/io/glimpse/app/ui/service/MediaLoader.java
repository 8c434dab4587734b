package io.glimpse.app.ui.service;

import io.glimpse.app.plan.MediaFiles;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.RgbImage;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.resize.PilResampler;
import io.glimpse.media.resize.ResampleFilter;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import java.nio.file.Path;

/** Probes a dropped file and makes its thumbnail with the core media layer. Stateless and thread-safe. */
public final class MediaLoader {
    public static final int THUMBNAIL = 96;

    private MediaLoader() {
    }

    /**
     * @throws MediaException for a missing, unreadable or undecodable file (the message names the problem)
     */
    public static MediaItem load(Path file, CancelToken cancel) throws MediaException {
        if (MediaFiles.isImage(file)) {
            RgbImage image = ImageLoader.defaults().load(file);
            return new MediaItem(file, image, null, shrink(image, THUMBNAIL));
        }
        VideoInfo info = VideoProbe.probe(file);
        RgbImage[] first = new RgbImage[1];
        FrameSampler.sample(file, SamplingRequest.of(new FrameSelection.Count(1)), f -> first[0] = shrink(f.image(), THUMBNAIL),
                cancel, ProgressListener.NONE);
        return new MediaItem(file, null, info, first[0]);
    }

    /** The picture scaled so its longer side is at most {@code longSide} (never enlarged). */
    public static RgbImage shrink(RgbImage image, int longSide) {
        int w = image.width();
        int h = image.height();
        double scale = Math.min(1.0, (double) longSide / Math.max(w, h));
        if (scale == 1.0) {
            return image;
        }
        return PilResampler.resize(image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)),
                ResampleFilter.BICUBIC);
    }
}
