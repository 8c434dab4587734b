package io.glimpse.app.history;

import io.glimpse.media.MediaException;
import io.glimpse.media.RgbImage;
import io.glimpse.media.image.ImageLoader;
import io.glimpse.media.resize.PilResampler;
import io.glimpse.media.resize.ResampleFilter;
import io.glimpse.media.video.FrameSampler;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SampledFrame;
import io.glimpse.media.video.SamplingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A record written as a Markdown file with the media beside it: a thumbnail per image and, per
 * video, thumbnails of its first, middle and last sent frames, in a {@code <name>-media/} folder the
 * report links to. A medium that cannot be read any more is named in the report instead.
 */
public final class MarkdownExport {
    /** Longest side of a thumbnail, in pixels. */
    static final int THUMBNAIL = 256;

    private MarkdownExport() {
    }

    /**
     * Writes {@code out} (and its media folder).
     *
     * @return the thumbnail files written
     */
    public static List<Path> write(long id, RunRecord r, Path out) throws IOException {
        String base = out.getFileName().toString().replaceFirst("\\.md$", "");
        Path mediaDir = out.toAbsolutePath().resolveSibling(base + "-media");
        List<Path> written = new ArrayList<>();
        StringBuilder gallery = new StringBuilder("\n## Thumbnails\n\n");
        int n = 0;
        for (RunRecord.Media m : r.media()) {
            n++;
            Path source = Path.of(m.path());
            try {
                List<RgbImage> pictures = new ArrayList<>();
                if (m.kind().equals("video")) {
                    for (RunRecord.Frame f : pick(m.frames())) {
                        List<SampledFrame> frames = FrameSampler.sampleToList(source,
                                SamplingRequest.of(new FrameSelection.Timestamps(List.of(f.seconds()))));
                        if (!frames.isEmpty()) {
                            pictures.add(frames.get(0).image());
                        }
                    }
                } else {
                    pictures.add(ImageLoader.defaults().load(source));
                }
                int k = 0;
                for (RgbImage p : pictures) {
                    Files.createDirectories(mediaDir);
                    Path png = mediaDir.resolve(String.format("%02d-%s%s.png", n, source.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"),
                            pictures.size() > 1 ? "-" + (++k) : ""));
                    ImageIO.write(thumbnail(p).toBufferedImage(), "png", png.toFile());
                    written.add(png);
                    gallery.append("![").append(source.getFileName()).append("](").append(base).append("-media/").append(png.getFileName())
                            .append(") ");
                }
                gallery.append("\n\n");
            } catch (MediaException | RuntimeException e) {
                gallery.append("- ").append(source).append(": no thumbnail (").append(e.getMessage()).append(")\n\n");
            }
        }
        String text = RunExport.markdown(id, r) + (r.media().isEmpty() ? "" : gallery.toString());
        RunExport.write(out, text);
        return written;
    }

    /** The first, middle and last of the sent frames (fewer when fewer were sent). */
    private static List<RunRecord.Frame> pick(List<RunRecord.Frame> frames) {
        if (frames.size() <= 3) {
            return frames;
        }
        return List.of(frames.get(0), frames.get(frames.size() / 2), frames.get(frames.size() - 1));
    }

    private static RgbImage thumbnail(RgbImage p) {
        double s = Math.min(1.0, THUMBNAIL / (double) Math.max(p.width(), p.height()));
        if (s >= 1.0) {
            return p;
        }
        return PilResampler.resize(p, Math.max(1, (int) Math.round(p.width() * s)), Math.max(1, (int) Math.round(p.height() * s)),
                ResampleFilter.BICUBIC);
    }
}
