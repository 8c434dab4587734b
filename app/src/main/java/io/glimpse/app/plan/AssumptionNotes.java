package io.glimpse.app.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The assumptions worth telling a user about one request, in the user's words. The inference layer
 * lists every default it took (ledger assumptions, a folder's notes) worded for developers, with
 * references to a specification that is not part of Glimpse; this keeps only those that touched the
 * request (nothing about video for a request without one) and rewords them. Stateless, thread-safe.
 */
public final class AssumptionNotes {
    private static final Pattern CANVASES = Pattern.compile("max canvases per video=(?:max_image_cnt )?(\\d+) \\((\\d+) frames\\).*");
    /** A reference into the specification Glimpse was written from, e.g. "spec §6.2", "hcx-spec.md §7.3", "§2.3, §6.2". */
    private static final String REF = "(?:(?:hcx-)?spec(?:\\.md)?\\s*)?§\\s*[\\d.]*\\d(?:\\s*(?:,|and|–|-)\\s*§?\\s*[\\d.]*\\d)*"
            + "(?:\\s+step\\s+\\d+)?(?:\\s+refined)?";
    private static final Pattern TO_REF = Pattern.compile("\\bto " + REF);
    private static final Pattern PER_REF = Pattern.compile("\\bper " + REF);
    private static final Pattern BARE_REF = Pattern.compile("[,;]?\\s*(?:of\\s+)?" + REF);

    private AssumptionNotes() {
    }

    /**
     * The notes to show for a request, each once, in order.
     *
     * @param assumptions the folder's notes and the ledger's assumptions, as the inference layer words them
     * @param images      whether the request has an image
     * @param videos      whether the request has a video
     */
    public static List<String> forRequest(List<String> assumptions, boolean images, boolean videos) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : assumptions) {
            Topic topic = topic(a);
            if (topic == Topic.VIDEO && !videos || topic == Topic.IMAGE && !images) {
                continue;
            }
            out.add(reworded(a));
        }
        return new ArrayList<>(out);
    }

    private enum Topic { IMAGE, VIDEO, ANY }

    private static Topic topic(String a) {
        String s = a.toLowerCase(Locale.ROOT);
        if (s.contains("video") || s.contains("canvas") || s.contains("frame")) {
            return Topic.VIDEO;
        }
        if (s.contains("image") || s.contains("unpad") || s.contains("shortest_edge") || s.contains("resample")
                || s.contains("rescale_factor") || s.contains("grid") || s.contains("tile")) {
            return Topic.IMAGE;
        }
        return Topic.ANY;
    }

    /** Plain words for the assumptions Glimpse itself makes; anything else loses its spec references. */
    static String reworded(String a) {
        if (a.startsWith("image blocks follow llama.cpp's reconstruction")) {
            return "the lines that introduce each image in the prompt are written as llama.cpp writes them;"
                    + " the model's authors have not published their exact spacing";
        }
        if (a.startsWith("video blocks mirror the image blocks")) {
            return "each video is introduced in the prompt like an image (as video/mp4, without the OCR block);"
                    + " the model's authors have not published the exact text";
        }
        if (a.startsWith("no BOS token before the prompt")) {
            return "no beginning-of-text token is put before the prompt (the model's files do not say)";
        }
        Matcher m = CANVASES.matcher(a);
        if (m.matches()) {
            return "at most " + m.group(1) + " canvases (" + m.group(2) + " frames) are kept per video;"
                    + " the model's own limit is not published";
        }
        if (a.startsWith("video canvas geometry:")) {
            return "video frames are packed up to 9 per canvas, each fitted into one 378x378 tile;"
                    + " the model's real layout is not published";
        }
        if (a.startsWith("video token count 81 + 9*(g-1)")) {
            return "a video canvas of g frames is counted as 81 + 9×(g−1) tokens; the model card's figure for"
                    + " 108 frames (1856) is 20 more than this gives, unexplained";
        }
        if (a.startsWith("frames beyond the per-video cap")) {
            return "frames over the per-video limit are dropped from the end; how the model's authors pick frames"
                    + " is not published";
        }
        String s = TO_REF.matcher(a).replaceAll("to Glimpse's built-in defaults");
        s = PER_REF.matcher(s).replaceAll("by Glimpse's own rule");
        s = BARE_REF.matcher(s).replaceAll("");
        s = s.replace("INFERRED", "inferred").replace("UNCONFIRMED", "not confirmed");
        s = s.replaceAll("\\(\\s*[:;,]\\s*", "(").replaceAll("\\s*[:;,]\\s*\\)", ")");
        return s.replaceAll("\\s*\\(\\s*\\)", "").replaceAll("\\s+", " ").strip();
    }
}
