package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.app.ui.service.Settings;
import io.glimpse.app.ui.vm.FrameControls;
import io.glimpse.inference.vision.AskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the small commands print: tables that line up, a word on success, option help, shared defaults, the demo. */
class CommandOutputTest {
    @TempDir
    Path dir;

    @Test
    void profilesColumnsLineUpWhateverTheNamesLengths() {
        Run r = CommandLineTest.glimpse("profiles");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("profile ").contains("model family").contains("inputs").contains("chat template");
        // every column starts where its header does
        for (String header : List.of("model family", "inputs", "chat template")) {
            int at = lines.get(0).indexOf(header);
            for (String line : lines.subList(1, lines.size())) {
                assertThat(line.charAt(at - 1)).as(header + " in '" + line + "'").isEqualTo(' ');
                assertThat(line.charAt(at)).as(header + " in '" + line + "'").isNotEqualTo(' ');
            }
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("image-text-to-text").contains("image, text"))
                .anySatisfy(l -> assertThat(l).startsWith("hcx-seed-text").endsWith("hcx-text"));
    }

    @Test
    void sampleVideoSaysWhatItWrote() throws Exception {
        Path mp4 = dir.resolve("clip.mp4");
        Run r = CommandLineTest.glimpse("sample-video", mp4.toString(), "--size", "64x48", "--seconds", "2", "--fps", "10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).matches("wrote " + java.util.regex.Pattern.quote(mp4.toString())
                + ": 20 frames, 64x48, 2\\.000 s at 10 fps, [\\d.]+ (B|KB)\n");
        long bytes = Files.size(mp4);
        assertThat(r.out()).endsWith(bytes < 1000 ? ", " + bytes + " B\n"
                : String.format(java.util.Locale.ROOT, ", %.1f KB%n", bytes / 1e3));
    }

    @Test
    void samplingOptionsExplainTheirHuggingFaceMeaningAndDefaults() {
        for (String command : List.of("ask", "generate")) {
            String help = CommandLineTest.glimpse(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command)
                    .contains("--temperature=T divide the logits by T before sampling (Hugging Face temperature)")
                    .contains("else 1.0)")
                    .contains("(Hugging Face top_k; default: the model's, else 50)")
                    .contains("(Hugging Face top_p, nucleus sampling; default: the model's, else 1.0)")
                    .contains("(Hugging Face min_p; default: the model's, else 0)");
        }
    }

    @Test
    void theWindowAndTheCommandLineSampleTheSameNumberOfFramesByDefault() throws Exception {
        assertThat(new Settings().frameCount).isEqualTo(AskRequest.DEFAULT_FRAMES);
        assertThat(new FrameControls().countProperty().get()).isEqualTo(AskRequest.DEFAULT_FRAMES);
        Path mp4 = dir.resolve("clip.mp4");
        assertThat(CommandLineTest.glimpse("sample-video", mp4.toString(), "--size", "64x48", "--seconds", "4", "--fps", "25")
                .code()).isZero();
        Run plan = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--video", mp4.toString(), "--json");
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode video = null;
        for (JsonNode s : Json.MAPPER.readTree(plan.out()).get("segments")) {
            if (s.get("kind").asText().equals("video")) {
                video = s;
            }
        }
        assertThat(video.get("detail").get("frames").asInt()).isEqualTo(AskRequest.DEFAULT_FRAMES);
        assertThat(CommandLineTest.glimpse("plan", "--help").out()).contains("(default: " + AskRequest.DEFAULT_FRAMES + ")");
    }

    @Test
    void generateWithoutJsonEndsWithItsFiguresOnStderr() {
        Path model = CommandLineTest.llama2c();
        Run r = CommandLineTest.glimpse("generate", "--model", model.toString(), "--prompt", "Once upon a time", "--greedy",
                "--max-tokens", "10");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(", there was a little girl named Lily\n");
        assertThat(r.err()).matches("(?s).*glimpse: LENGTH; prompt 5 tokens; 10 generated; first token \\d+ ms; "
                + "[\\d.]+ tokens/s; total \\d+ ms\nglimpse: recorded as run \\d+ \\(glimpse history show \\d+\\)\n");
    }

    @Test
    void theDemoWritesASampleVideoItsEightFramesThenPlansAndAsksAGeneratedModel() throws Exception {
        Path out = dir.resolve("demo");
        Run r = CommandLineTest.glimpse("demo", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("sample.mp4")).exists();
        try (var frames = Files.list(out.resolve("frames"))) {
            assertThat(frames.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("frame-000000.png", "frame-000043.png", "frame-000085.png", "frame-000128.png",
                            "frame-000171.png", "frame-000214.png", "frame-000256.png", "frame-000299.png");
        }
        assertThat(r.out()).contains("frames      300 (exact)").contains("8 frame(s) written to");
        // then a generated model: what the question costs, and its answer (the probe model's eight 'a's)
        assertThat(out.resolve("model/glimpse.json")).exists();
        assertThat(r.out()).contains("$ glimpse plan --profile hcx-seed-vision-3b --model " + out.resolve("model"))
                .containsPattern("video +sample.mp4 +\\d+  \\{frames=8, ")
                .contains("$ glimpse ask --model " + out.resolve("model") + " --video " + out.resolve("sample.mp4"))
                .endsWith("'What happens in this video?'\naaaaaaaa\n");
        assertThat(r.err()).contains("glimpse: LENGTH; prompt ").contains("; 8 generated;");
    }
}
