package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glimpse ask} records its run with full provenance, and {@code glimpse history rerun} runs a
 * greedy record again exactly: the same frames, the same answer, on the random-weight model.
 */
class RecordAndRerunTest {
    static final Pattern RECORDED = Pattern.compile("glimpse: recorded as run (\\d+)");
    @TempDir
    Path dir;

    static long recordedId(String err) {
        Matcher m = RECORDED.matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aGreedyAskIsRecordedAndItsRerunGivesTheSameAnswer() throws Exception {
        Path model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 3);
        BufferedImage picture = new BufferedImage(500, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.MAGENTA);
        g.fillRect(0, 0, 500, 300);
        g.dispose();
        Path image = dir.resolve("picture.png");
        ImageIO.write(picture, "png", image.toFile());
        Path video = dir.resolve("clip.mp4");
        assertThat(CommandLineTest.glimpse("sample-video", video.toString(), "--seconds", "2", "--size", "160x120").code()).isZero();

        Run ask = CommandLineTest.glimpse("ask", "--model", model.toString(), "--image", image.toString(), "--ocr", "SALE",
                "--video", video.toString(), "--count", "6", "--max-tokens", "12", "--greedy", "--system", "be brief", "What is shown?");
        assertThat(ask.code()).as(ask.err()).isZero();
        long id = recordedId(ask.err());
        String answer = ask.out().strip();
        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            RunRecord r = h.get(id).orElseThrow();
            assertThat(r.source()).isEqualTo("ask");
            assertThat(r.question()).isEqualTo("What is shown?");
            assertThat(r.system()).isEqualTo("be brief");
            assertThat(r.answer().strip()).isEqualTo(answer);
            assertThat(r.media()).extracting(RunRecord.Media::kind).containsExactly("image", "video");
            assertThat(r.media().get(0).ocr()).isEqualTo("SALE");
            assertThat(r.media().get(0).sha256()).hasSize(64);
            assertThat(r.media().get(1).frames()).hasSize(6);
            assertThat(r.sampling()).containsEntry("do_sample", false).containsEntry("max_new_tokens", 12);
            assertThat(r.ledger()).isNotEmpty();
            assertThat(r.outcome().generatedTokens()).isEqualTo(12);
            assertThat(r.model().filesHash()).hasSize(64);
        }

        // the Markdown report with the media beside it: the image and the first, middle and last sent frames
        Path report = dir.resolve("report/run.md");
        Run export = CommandLineTest.glimpse("history", "export", String.valueOf(id), "--out", report.toString());
        assertThat(export.out()).isEqualTo("wrote " + report + " (1 run, 4 thumbnails in run-media)\n");
        String md = java.nio.file.Files.readString(report);
        assertThat(md).contains("![picture.png](run-media/01-picture.png.png)").contains("![clip.mp4](run-media/02-clip.mp4-3.png)");
        java.awt.image.BufferedImage thumb = ImageIO.read(dir.resolve("report/run-media/01-picture.png.png").toFile());
        assertThat(thumb.getWidth()).isEqualTo(256);
        assertThat(thumb.getHeight()).isEqualTo(154); // 500x300 scaled to a 256 px long side
        assertThat(thumb.getRGB(128, 77) & 0xffffff).isEqualTo(0xff00ff); // magenta, as drawn

        Run rerun = CommandLineTest.glimpse("history", "rerun", String.valueOf(id));
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(rerun.out().strip()).isEqualTo(answer);
        assertThat(rerun.err()).contains("the answer is the same as run " + id + "'s");
        long again = recordedId(rerun.err());
        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            RunRecord first = h.get(id).orElseThrow();
            RunRecord second = h.get(again).orElseThrow();
            assertThat(second.groupId()).isEqualTo("rerun of " + id);
            assertThat(second.media().get(1).frames()).isEqualTo(first.media().get(1).frames());
            assertThat(second.outcome().promptTokens()).isEqualTo(first.outcome().promptTokens());
        }
        Run group = CommandLineTest.glimpse("history", "list", "--group", "rerun of " + id);
        assertThat(group.out().lines().skip(1).toList()).singleElement().asString().startsWith(String.format("%6d", again));
    }

    @Test
    void aRerunRefusesAFileThatChanged() throws Exception {
        Path model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 3);
        BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Path image = dir.resolve("p.png");
        ImageIO.write(picture, "png", image.toFile());
        Run ask = CommandLineTest.glimpse("ask", "--model", model.toString(), "--image", image.toString(), "--max-tokens", "2",
                "--greedy", "What?");
        long id = recordedId(ask.err());
        picture.setRGB(1, 1, 0xffffff);
        ImageIO.write(picture, "png", image.toFile());
        Run rerun = CommandLineTest.glimpse("history", "rerun", String.valueOf(id));
        assertThat(rerun.code()).isEqualTo(2);
        assertThat(rerun.err()).startsWith("glimpse: " + image + ": the file changed since the run (sha256 ");
    }

    @Test
    void generateIsRecordedToo() {
        Path llama = CommandLineTest.llama2c();
        Run r = CommandLineTest.glimpse("generate", "--model", llama.toString(), "--prompt", "Once upon a time", "--greedy",
                "--max-tokens", "8");
        assertThat(r.code()).as(r.err()).isZero();
        long id = recordedId(r.err());
        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            RunRecord rec = h.get(id).orElseThrow();
            assertThat(rec.source()).isEqualTo("generate");
            assertThat(rec.question()).isEqualTo("Once upon a time");
            assertThat(rec.answer()).isEqualTo(r.out().strip().isEmpty() ? rec.answer() : r.out().substring(0, r.out().length() - 1));
            assertThat(rec.outcome().generatedTokens()).isEqualTo(8);
            assertThat(rec.model().folder()).isEqualTo(llama.toAbsolutePath().normalize().toString());
        }
        Run skipped = CommandLineTest.glimpse("generate", "--model", llama.toString(), "--prompt", "Once", "--greedy", "--max-tokens", "2",
                "--no-record");
        assertThat(skipped.err()).doesNotContain("recorded as run");
    }
}
