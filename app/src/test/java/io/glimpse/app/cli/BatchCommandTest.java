package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glimpse batch} on the probe model (its answers are "aaa..."): result lines, a failing job, resume, CSV. */
class BatchCommandTest {
    @TempDir
    static Path dir;
    static Path probe;

    @BeforeAll
    static void model() throws Exception {
        probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
    }

    static Path image(Path folder, String name, int w, int h) throws Exception {
        Files.createDirectories(folder);
        Path f = folder.resolve(name);
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", f.toFile());
        return f;
    }

    static List<JsonNode> lines(Path out) throws Exception {
        List<JsonNode> n = new ArrayList<>();
        for (String l : Files.readAllLines(out)) {
            n.add(Json.MAPPER.readTree(l));
        }
        return n;
    }

    @Test
    void aFolderGivesOneLinePerMediaFileAndABadFileIsItsOwnErrorLine() throws Exception {
        Path media = dir.resolve("media");
        image(media, "a.png", 64, 48);
        Files.write(media.resolve("b-empty.png"), new byte[0]);
        image(media, "c.png", 48, 64);
        Files.writeString(media.resolve("notes.txt"), "not media");
        Path out = dir.resolve("out/results.jsonl");
        Files.createDirectories(out.getParent());
        Path csv = dir.resolve("out/results.csv");
        Run r = CommandLineTest.glimpse("batch", "--model", probe.toString(), "--media-dir", media.toString(), "--question", "What?",
                "--greedy", "--max-tokens", "3", "--out", out.toString(), "--csv", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).as(Files.readString(out)).contains("glimpse: skipped notes.txt (not an image or video by its name)")
                .contains("glimpse: [1/3]   0% a.png").contains("glimpse: [3/3]  66%")
                .contains("glimpse: 3 of 3 jobs run (2 ok, 1 failed) in ");
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("a.png", "b-empty.png", "c.png");
        assertThat(lines.get(0).get("answer").asText()).isEqualTo("aaa");
        assertThat(lines.get(0).get("finishReason").asText()).isEqualTo("LENGTH");
        assertThat(lines.get(0).get("generatedTokens").asInt()).isEqualTo(3);
        assertThat(lines.get(0).get("visualTokens").asInt()).isPositive();
        assertThat(lines.get(0).get("runId").asLong()).isPositive();
        assertThat(lines.get(0).get("error").isNull()).isTrue();
        assertThat(lines.get(1).get("finishReason").asText()).isEqualTo("ERROR");
        assertThat(lines.get(1).get("error").asText()).contains("b-empty.png").contains("empty");
        assertThat(lines.get(1).get("runId").asLong()).as("the failure is recorded too").isPositive();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("id,media,question,answer,finishReason,promptTokens,visualTokens,generatedTokens,ttftMs,"
                + "tokensPerSecond,totalMs,error,runId");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).startsWith("a.png," + media.resolve("a.png") + ",What?,aaa,LENGTH,");
    }

    @Test
    void resumeSkipsTheJobsAlreadyDoneAndAppends() throws Exception {
        Path media = dir.resolve("resume");
        image(media, "x.png", 32, 32);
        image(media, "y.png", 40, 30);
        Path jobs = media.resolve("jobs.jsonl");
        Files.writeString(jobs, """
                {"id": "first", "media": ["x.png"], "question": "One?"}

                {"id": "second", "media": ["y.png"], "question": "Two?", "max_tokens": 2}
                {"media": ["x.png", "y.png"], "question": "Both?", "system": "be brief"}
                """);
        Path out = media.resolve("results.jsonl");
        Run all = CommandLineTest.glimpse("batch", "--model", probe.toString(), "--jobs", jobs.toString(), "--greedy", "--max-tokens", "4",
                "--out", out.toString(), "--no-record");
        assertThat(all.code()).as(all.err()).isZero();
        List<JsonNode> lines = lines(out);
        assertThat(lines).extracting(n -> n.get("id").asText()).containsExactly("first", "second", "line-4");
        assertThat(lines).as(Files.readString(out)).extracting(n -> n.get("answer").asText()).containsExactly("aaaa", "aa", "aaaa");
        assertThat(lines.get(0).has("runId")).isFalse(); // --no-record
        // a stop after the first job: keep its line, resume the rest
        String first = Files.readAllLines(out).get(0);
        Files.writeString(out, first + "\n");
        Run again = CommandLineTest.glimpse("batch", "--model", probe.toString(), "--jobs", jobs.toString(), "--greedy", "--max-tokens", "4",
                "--out", out.toString(), "--resume", "--no-record");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("glimpse: resuming: 1 of 3 jobs are already in " + out);
        assertThat(Files.readAllLines(out).get(0)).isEqualTo(first); // never rewritten
        assertThat(lines(out)).extracting(n -> n.get("id").asText()).containsExactly("first", "second", "line-4");
        // without --resume an existing output is refused, untouched
        Run refused = CommandLineTest.glimpse("batch", "--model", probe.toString(), "--jobs", jobs.toString(), "--out", out.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("glimpse: " + out + " already holds results: --resume continues it, or choose another --out");
    }

    @Test
    void aBadJobLineIsNamed() throws Exception {
        Path jobs = dir.resolve("bad.jsonl");
        Files.writeString(jobs, "{\"media\": [\"x.png\"], \"question\": \"ok\"}\n{\"media\": \"x.png\"}\n");
        Run r = CommandLineTest.glimpse("batch", "--model", probe.toString(), "--jobs", jobs.toString(), "--out", dir.resolve("o.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("glimpse: " + jobs + " line 2: \"media\" must be a non-empty array of file paths");
    }
}
