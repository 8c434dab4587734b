package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: output, JSON fields and exit codes (0 ok, 2 usage, 3 bad input). */
class CommandLineTest {
    @TempDir
    static Path dir;
    static Path video;

    record Run(int code, String out, String err) {
    }

    static Run glimpse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void makeVideo() {
        video = dir.resolve("clip.mp4");
        Run r = glimpse("sample-video", video.toString(), "--size", "320x240", "--seconds", "4", "--fps", "25");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void probeJsonGivesTheDocumentedFields() throws Exception {
        Run r = glimpse("probe", video.toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("file").asText()).isEqualTo(video.toString());
        assertThat(n.get("frameCount").asLong()).isEqualTo(100);
        assertThat(n.get("frameCountExact").asBoolean()).isTrue();
        assertThat(n.get("averageFps").asDouble()).isEqualTo(25.0);
        assertThat(n.get("durationSeconds").asDouble()).isEqualTo(4.0);
        assertThat(n.get("width").asInt()).isEqualTo(320);
        assertThat(n.get("codec").asText()).isEqualTo("h264");
        assertThat(n.get("hasAudio").asBoolean()).isFalse();
    }

    @Test
    void probeReadsAnImageHeader() throws Exception {
        Path png = dir.resolve("wide.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(300, 20, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Run r = glimpse("probe", png.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("kind").asText()).isEqualTo("image");
        assertThat(n.get("format").asText()).isEqualTo("PNG");
        assertThat(n.get("width").asInt()).isEqualTo(300);
        assertThat(n.get("height").asInt()).isEqualTo(20);
        assertThat(n.get("orientation").asInt()).isEqualTo(1);
    }

    @Test
    void framesWritesImagesAndListsThemInJson() throws Exception {
        Path out = dir.resolve("out");
        Run r = glimpse("frames", video.toString(), "--count", "5", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        List<Long> indices = new ArrayList<>();
        for (JsonNode f : n.get("frames")) {
            indices.add(f.get("index").asLong());
            Path file = Path.of(f.get("file").asText());
            assertThat(file).exists().hasParent(out);
            var image = io.glimpse.media.RgbImage.fromBufferedImage(javax.imageio.ImageIO.read(file.toFile()), 0);
            assertThat(io.glimpse.media.video.SyntheticVideo.readNumber(image)).isEqualTo(f.get("index").asInt());
            assertThat(f.get("ptsSeconds").asDouble()).isEqualTo(f.get("index").asLong() / 25.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(indices).containsExactly(0L, 25L, 50L, 74L, 99L); // round(linspace(0, 99, 5)): 24.75→25, 74.25→74
        assertThat(n.get("selection").get("mode").asText()).isEqualTo("count");
        assertThat(n.get("dropped")).isEmpty();
        assertThat(n.get("warnings")).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        for (String[] args : List.of(
                new String[] {"frames", video.toString(), "--count", "0"},
                new String[] {"frames", video.toString(), "--fps", "0"},
                new String[] {"frames", video.toString(), "--fps", "-3"},
                new String[] {"frames", video.toString(), "--start", "3", "--end", "2"},
                new String[] {"frames", video.toString(), "--count", "3", "--fps", "1"},
                new String[] {"frames", video.toString(), "--bogus"},
                new String[] {"probe"},
                new String[] {"window", "/nonexistent/x.png"})) {
            Run r = glimpse(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(glimpse("frames", video.toString(), "--count", "0").err())
                .startsWith("glimpse: --count must be at least 1, got 0\n");
        assertThat(glimpse("window", "/nonexistent/x.png").err()).startsWith("glimpse: /nonexistent/x.png: no such file\n");
    }

    static Path llama2c() {
        Path p = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "llama2c").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p), "fixture " + p + " absent; skipped");
        return p;
    }

    @Test
    void generateStreamsTheGoldenTextAndReportsItInJson() throws Exception {
        Path model = llama2c();
        Run streamed = glimpse("generate", "--model", model.toString(), "--prompt", "Once upon a time", "--greedy", "--max-tokens", "10");
        assertThat(streamed.code()).as(streamed.err()).isZero();
        assertThat(streamed.out()).isEqualTo(", there was a little girl named Lily\n");
        Run json = glimpse("generate", "--model", model.toString(), "--prompt", "Once upon a time", "--greedy", "--max-tokens", "10", "--json");
        JsonNode n = Json.MAPPER.readTree(json.out());
        assertThat(n.get("text").asText()).isEqualTo(", there was a little girl named Lily");
        assertThat(n.get("finishReason").asText()).isEqualTo("LENGTH");
        assertThat(n.get("promptTokens").asInt()).isEqualTo(5);
        assertThat(n.get("generatedTokens").asInt()).isEqualTo(10);
        assertThat(n.get("tokenIds").get(0).asInt()).isEqualTo(432);
        assertThat(n.get("timings").get("prefillMs").asDouble()).isPositive();
        assertThat(n.get("provider").asText()).isEqualTo("CPU");
    }

    @Test
    void aPromptFromStandardInputLosesOnlyItsFinalNewline() {
        assertThat(GenerateCommand.withoutFinalNewline("Once upon a time\n")).isEqualTo("Once upon a time");
        assertThat(GenerateCommand.withoutFinalNewline("two lines\n\n")).isEqualTo("two lines\n");
        assertThat(GenerateCommand.withoutFinalNewline("dos\r\n")).isEqualTo("dos");
        assertThat(GenerateCommand.withoutFinalNewline("none")).isEqualTo("none");
    }

    @Test
    void generateRefusesBadSettingsAndOversizedRequests() {
        String model = llama2c().toString();
        assertThat(glimpse("generate", "--model", model, "--prompt", "x", "--top-p", "1.5").err())
                .startsWith("glimpse: top-p must be in (0, 1], got 1.5\n");
        assertThat(glimpse("generate", "--model", model, "--prompt", "x", "--temperature", "-1").code()).isEqualTo(2);
        assertThat(glimpse("generate", "--model", model, "--prompt", "x", "--max-tokens", "0").code()).isEqualTo(2);
        Run over = glimpse("generate", "--model", model, "--prompt", "Once upon a time", "--max-tokens", "600");
        assertThat(over.code()).isEqualTo(3);
        assertThat(over.err()).isEqualTo("glimpse: " + model + ": the prompt (5 tokens) plus the requested output (600 tokens) "
                + "is 605 tokens, over the model's context length of 512 by 93\n");
        assertThat(over.out()).isEmpty();
        Run chat = glimpse("generate", "--model", model, "--prompt", "x", "--chat");
        assertThat(chat.code()).isEqualTo(2);
        assertThat(chat.err()).startsWith("glimpse: this model has no chat template Glimpse knows;");
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(x -> ids.add(x.asInt()));
        return ids;
    }

    @Test
    void promptIdsAndTopLogprobsRefuseBadUsageBeforeOpeningTheModel() {
        String model = "/nonexistent/model"; // never opened: every one of these fails first
        String combined = "the ids are the whole prompt, sent as they are (no template, no BOS)\n";
        for (String[] args : List.of(
                new String[] {"--prompt-ids", "1,2", "--prompt", "x"},
                new String[] {"--prompt-ids", "1,2", "--chat"},
                new String[] {"--prompt-ids", "1,2", "--system", "be brief"})) {
            Run r = glimpse(java.util.stream.Stream.concat(java.util.stream.Stream.of("generate", "--model", model),
                    java.util.Arrays.stream(args)).toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).startsWith("glimpse: --prompt-ids cannot be combined with " + args[2] + ": " + combined);
            assertThat(r.out()).isEmpty();
        }
        assertThat(glimpse("generate", "--model", model, "--prompt-ids", "").err())
                .startsWith("glimpse: --prompt-ids is empty: give at least one token id\n");
        assertThat(glimpse("generate", "--model", model, "--prompt-ids", "1, x").err())
                .startsWith("glimpse: --prompt-ids: 'x' is not a token id (give integers separated by commas, e.g. 1,403,407)\n");
        assertThat(glimpse("generate", "--model", model, "--prompt-ids", "1,,2").err())
                .startsWith("glimpse: --prompt-ids: '' is not a token id");
        assertThat(glimpse("generate", "--model", model, "--prompt-ids", "1.5").code()).isEqualTo(2);
        for (String k : new String[] {"0", "21"}) {
            Run r = glimpse("generate", "--model", model, "--prompt", "x", "--top-logprobs", k);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("glimpse: --top-logprobs must be between 1 and 20, got " + k + "\n");
        }
    }

    @Test
    void generateFromPromptIdsContinuesExactlyLikeTheTextPrompt() throws Exception {
        String model = llama2c().toString();
        Run text = glimpse("generate", "--model", model, "--prompt", "Once upon a time", "--greedy", "--max-tokens", "60", "--json");
        Run ids = glimpse("generate", "--model", model, "--prompt-ids", "1,403,407,261,378", "--greedy", "--max-tokens", "60", "--json");
        assertThat(ids.code()).as(ids.err()).isZero();
        JsonNode t = Json.MAPPER.readTree(text.out());
        JsonNode n = Json.MAPPER.readTree(ids.out());
        assertThat(ints(n.get("tokenIds"))).hasSize(60).isEqualTo(ints(t.get("tokenIds")));
        assertThat(n.get("text").asText()).isEqualTo(t.get("text").asText())
                .startsWith(", there was a little girl named Lily. She loved to play outside in the park.");
        assertThat(n.get("promptTokens").asInt()).isEqualTo(5);
        assertThat(n.has("logprobs")).isFalse(); // only with --top-logprobs
        // without BOS the model sees another prompt, and continues differently
        JsonNode noBos = Json.MAPPER.readTree(glimpse("generate", "--model", model, "--prompt-ids", "403,407,261,378",
                "--greedy", "--max-tokens", "60", "--json").out());
        assertThat(noBos.get("promptTokens").asInt()).isEqualTo(4);
        assertThat(ints(noBos.get("tokenIds"))).isNotEqualTo(ints(t.get("tokenIds")));
    }

    @Test
    void promptIdsOutsideTheVocabularyOrTheContextAreRefused() {
        String model = llama2c().toString();
        for (String bad : new String[] {"512", "-1"}) {
            Run r = glimpse("generate", "--model", model, "--prompt-ids=1," + bad, "--greedy");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("glimpse: --prompt-ids: token id " + bad
                    + " is outside the model's vocabulary of 512 ids (0 to 511)\n");
            assertThat(r.out()).isEmpty();
        }
        Run over = glimpse("generate", "--model", model, "--prompt-ids", "1,403", "--max-tokens", "511");
        assertThat(over.code()).isEqualTo(3);
        assertThat(over.err()).isEqualTo("glimpse: " + model + ": the prompt (2 tokens) plus the requested output (511 tokens) "
                + "is 513 tokens, over the model's context length of 512 by 1\n");
        assertThat(over.out()).isEmpty();
    }

    @Test
    void topLogprobsInJsonRankTheGreedyTokenFirstAtEveryStep() throws Exception {
        Run r = glimpse("generate", "--model", llama2c().toString(), "--prompt", "Once upon a time", "--greedy",
                "--max-tokens", "10", "--top-logprobs", "3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        List<Integer> ids = ints(n.get("tokenIds"));
        JsonNode logprobs = n.get("logprobs");
        assertThat(logprobs).hasSize(10);
        StringBuilder pieces = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            JsonNode t = logprobs.get(i);
            assertThat(t.get("id").asInt()).isEqualTo(ids.get(i));
            JsonNode top = t.get("top");
            assertThat(top).hasSize(3);
            assertThat(top.get(0).get("id").asInt()).as("step %d", i).isEqualTo(ids.get(i));
            assertThat(top.get(0).get("logprob").asDouble()).isEqualTo(t.get("logprob").asDouble());
            assertThat(t.get("logprob").asDouble()).isLessThanOrEqualTo(0.0);
            assertThat(top.get(1).get("logprob").asDouble()).isLessThanOrEqualTo(top.get(0).get("logprob").asDouble());
            assertThat(top.get(2).get("logprob").asDouble()).isLessThanOrEqualTo(top.get(1).get("logprob").asDouble());
            pieces.append(t.get("piece").asText());
        }
        assertThat(pieces.toString()).isEqualTo(n.get("text").asText()).isEqualTo(", there was a little girl named Lily");
        assertThat(Math.exp(logprobs.get(0).get("logprob").asDouble())).isCloseTo(0.9688, org.assertj.core.data.Offset.offset(5e-5));
    }

    @Test
    void topLogprobsWithoutJsonGoToStandardErrorOneLinePerToken() throws Exception {
        String model = llama2c().toString();
        Run r = glimpse("generate", "--model", model, "--prompt-ids", "1,403,407,261,378", "--greedy", "--max-tokens", "4",
                "--top-logprobs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(", there was a\n"); // stdout keeps only the text
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(7); // the header, 4 tokens, the summary line, where the run was recorded
        assertThat(lines.get(0)).isEqualTo("step\tid\tpiece\tlogprob\ttop (id:logprob)");
        assertThat(lines.get(5)).startsWith("glimpse: LENGTH; prompt 5 tokens; 4 generated; ");
        assertThat(lines.get(6)).matches("glimpse: recorded as run \\d+ \\(glimpse history show \\d+\\)");
        JsonNode json = Json.MAPPER.readTree(glimpse("generate", "--model", model, "--prompt-ids", "1,403,407,261,378",
                "--greedy", "--max-tokens", "4", "--top-logprobs", "2", "--json").out());
        for (int i = 0; i < 4; i++) {
            JsonNode t = json.get("logprobs").get(i);
            JsonNode top = t.get("top");
            assertThat(lines.get(i + 1)).isEqualTo(String.format(java.util.Locale.ROOT, "%d\t%d\t%s\t%.6f\t%d:%.6f %d:%.6f",
                    i, t.get("id").asInt(), Json.write(t.get("piece")), t.get("logprob").asDouble(),
                    top.get(0).get("id").asInt(), top.get(0).get("logprob").asDouble(),
                    top.get(1).get("id").asInt(), top.get(1).get("logprob").asDouble()));
        }
        assertThat(lines.get(1)).startsWith("0\t432\t\",\"\t-0.03");
    }

    @Test
    void planCountsEveryPartAndDumpsWhatTheModelSees() throws Exception {
        Path png = dir.resolve("photo.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        Path seen = dir.resolve("seen");
        Run r = glimpse("plan", "--profile", "hcx-seed-vision-3b", "--image", png.toString(), "--video", video.toString(),
                "--count", "10", "--prompt", "What is this?", "--dump-tiles", seen.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        JsonNode image = n.get("segments").get(2);
        assertThat(image.get("kind").asText()).isEqualTo("image");
        assertThat(image.get("detail").get("visual").asInt()).isEqualTo(405); // 640x480: 2x2 grids, unpad off
        JsonNode vid = n.get("segments").get(4);
        assertThat(vid.get("kind").asText()).isEqualTo("video");
        assertThat(vid.get("detail").get("canvasTokens")).hasSize(2);
        assertThat(vid.get("detail").get("visual").asInt()).isEqualTo(153 + 81);
        assertThat(n.get("contextLength").asInt()).isEqualTo(4096);
        assertThat(n.get("outputReserve").asInt()).isEqualTo(512);
        assertThat(n.get("fits").asBoolean()).isTrue();
        assertThat(n.get("estimated").asBoolean()).isTrue();
        assertThat(n.get("assumptions").toString()).contains("unpad=false");
        try (var files = Files.list(seen)) {
            // 1 global + 4 tiles for the image; 10 frames = 2 canvases of 9 and 1 grids
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(5 + 10).contains("image01-global.png", "image01-tile4.png", "video01-canvas02-grid1.png");
        }
    }

    @Test
    void planCountsTextExactlyWithTheModelFoldersTokenizer() throws Exception {
        Path exaone = Path.of(System.getProperty("glimpse.repoRoot", "."), "..", "shared", "fixtures", "exaone-3.5-tokenizer").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(exaone), "fixture " + exaone + " absent; skipped");
        Run r = glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", exaone.toString(), "--video", video.toString(),
                "--count", "9", "--prompt", "안녕하세요", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("estimated").asBoolean()).isFalse();
        assertThat(n.get("warnings").toString()).doesNotContain("estimates");
        assertThat(n.get("segments").get(2).get("detail").get("visual").asInt()).isEqualTo(153);
        // the folder has no HCX processor keys: every default it fell back to is listed
        assertThat(n.get("assumptions").toString()).contains("unpad=false");
    }

    @Test
    void planUsesTheModelFoldersOwnMultimodalTemplate() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("vlm"));
        String template = "{% for m in messages %}{% if m['content'] is string %}{{ m['role'] + ': ' + m['content'] + '\\n' }}"
                + "{% else %}{% for p in m['content'] %}{% if p['type'] == 'image' %}{{ '[img <|dummy3|>]' }}"
                + "{% elif p['type'] == 'video' %}{{ '[vid <|_unuse_missing_100270|>]' }}{% else %}{{ p['text'] }}{% endif %}"
                + "{% endfor %}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ 'assistant:' }}{% endif %}";
        Files.writeString(folder.resolve("tokenizer_config.json"), Json.MAPPER.writeValueAsString(java.util.Map.of("chat_template", template)));
        Run r = glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", folder.toString(), "--video", video.toString(),
                "--count", "9", "--prompt", "Why?", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertThat(n.get("assumptions").toString()).contains("prompt layout: the model folder's own chat_template");
        JsonNode vid = n.get("segments").get(0);
        assertThat(vid.get("kind").asText()).isEqualTo("video");
        assertThat(vid.get("detail").get("visual").asInt()).isEqualTo(153);
    }

    @Test
    void planRefusesWhatItCannotPlan() throws Exception {
        assertThat(glimpse("plan", "--profile", "nope").err()).startsWith("glimpse: unknown profile 'nope'; built in are [exaone-3.5, ");
        assertThat(glimpse("plan", "--profile", "hcx-seed-vision-3b", "--prompt", "see <|dummy3|>").err())
                .startsWith("glimpse: the prompt contains the placeholder <|dummy3|> but no --image or --video is given;");
        Run tooSmall = glimpse("plan", "--profile", "hcx-seed-vision-3b", "--video", video.toString(), "--budget", "50");
        assertThat(tooSmall.code()).isEqualTo(2);
        assertThat(tooSmall.err()).startsWith("glimpse: a budget of 50 tokens is too small: even one frame per video and one grid per image need ");
        String[] thirteen = new String[2 + 2 * 13 + 2];
        thirteen[0] = "plan";
        thirteen[1] = "--profile";
        thirteen[2] = "hcx-seed-vision-3b";
        for (int i = 0; i < 13; i++) {
            thirteen[3 + 2 * i] = "--image";
            thirteen[4 + 2 * i] = "x" + i + ".png";
        }
        thirteen[thirteen.length - 1] = "--json";
        Run many = glimpse(java.util.Arrays.copyOf(thirteen, thirteen.length));
        assertThat(many.err()).startsWith("glimpse: 13 images, but hcx-seed-vision-3b accepts at most 12");
        Path folder = Files.createDirectories(dir.resolve("badmodel"));
        Files.writeString(folder.resolve("preprocessor_config.json"), "{\"crop_size\": {\"height\": 380, \"width\": 380}, \"patch_size\": 14}");
        Run bad = glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", folder.toString());
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).startsWith("glimpse: " + folder + ": inconsistent processor settings: ").contains("380");
    }

    @Test
    void profilesListsEveryRegisteredFamily() {
        Run r = glimpse("profiles");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList()) // under the header
                .containsExactly("exaone-3.5", "hcx-seed-text", "hcx-seed-vision-3b", "image-text-to-text", "llama2c");
        assertThat(r.out()).contains("image, text, video");
    }

    @Test
    void badInputExitsWithThreeAndNamesTheFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path missing = dir.resolve("missing.mp4");
        Path range = dir.resolve("never-created");
        assertThat(glimpse("probe", empty.toString())).isEqualTo(new Run(3, "", "glimpse: " + empty + ": file is empty (0 bytes)\n"));
        assertThat(glimpse("probe", missing.toString())).isEqualTo(new Run(3, "", "glimpse: " + missing + ": file not found\n"));
        assertThat(glimpse("frames", dir.toString())).isEqualTo(new Run(3, "", "glimpse: " + dir + ": is a directory, not a file\n"));
        Run past = glimpse("frames", video.toString(), "--start", "9", "--out", range.toString());
        assertThat(past).isEqualTo(new Run(3, "", "glimpse: " + video + ": range starts at 9.000 s, at or past the end of the video (4.000 s)\n"));
        assertThat(range).doesNotExist();
    }
}
