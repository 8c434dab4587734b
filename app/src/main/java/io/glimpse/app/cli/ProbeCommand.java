package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glimpse.media.MediaException;
import io.glimpse.media.video.VideoInfo;
import io.glimpse.media.video.VideoProbe;
import io.glimpse.media.image.ImageInfo;
import io.glimpse.media.image.ImageLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Print a video's properties (duration, frame rates, frame count, size, rotation, codec, audio)",
                "or an image's (format, size, EXIF orientation), read from the headers without decoding."})
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the video or image file")
    Path file;

    @Option(names = "--json", description = "print one JSON object (fields in docs/cli.md)")
    boolean json;

    @Override
    public Integer call() throws MediaException {
        var out = spec.commandLine().getOut();
        if (isImage(file)) {
            // The header only: a probe reports even an image over the pixel limit (loading refuses it).
            ImageInfo image = ImageLoader.defaults().probe(file);
            out.println(json ? Json.write(Json.image(file, image)) : Text.describe(file, image));
            return 0;
        }
        VideoInfo v = probeVideo(file);
        if (json) {
            ObjectNode n = Json.object();
            n.put("file", file.toString());
            n.setAll(Json.video(v));
            out.println(Json.write(n));
        } else {
            out.println(Text.describe(file, v));
        }
        return 0;
    }

    /**
     * Probes a file that is not an image by its first bytes. When FFmpeg cannot open it either, the
     * file is neither (a text file, random bytes): say so in the user's terms rather than FFmpeg's
     * "not a video", which suggests the file was meant to be one.
     */
    private static VideoInfo probeVideo(Path file) throws MediaException {
        try {
            return VideoProbe.probe(file);
        } catch (MediaException e) {
            String ffmpeg = file + ": " + NOT_OPENED;
            if (e.getMessage().startsWith(ffmpeg)) {
                throw new MediaException(file, "not an image or video Glimpse can read (FFmpeg: "
                        + e.getMessage().substring(ffmpeg.length()).replaceAll("^ \\(|\\)$", "") + ")", e);
            }
            throw e;
        }
    }

    /** How the media layer words a file FFmpeg could not open at all (VideoDecoder.open). */
    static final String NOT_OPENED = "not a video FFmpeg can read";

    private static boolean isImage(Path file) {
        return io.glimpse.app.plan.MediaFiles.isImage(file);
    }
}
