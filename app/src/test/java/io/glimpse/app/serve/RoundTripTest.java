package io.glimpse.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.app.cli.Main;
import io.glimpse.app.cli.ServeCommand;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.vision.VisionLanguageModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions of the OpenAI API at once: {@code glimpse ask --endpoint} against a running
 * {@code glimpse serve} gives, for a greedy request, the same answer as {@code glimpse ask --model}
 * on the same random-weight model in-process.
 */
class RoundTripTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run glimpse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aGreedyAnswerThroughServeAndTheRemoteClientEqualsTheLocalOne() throws Exception {
        Path model = dir.resolve("random");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 5);
        BufferedImage picture = new BufferedImage(480, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.CYAN);
        g.fillRect(0, 0, 480, 320);
        g.setColor(Color.RED);
        g.fillOval(100, 60, 200, 150);
        g.dispose();
        // the server stores a data: URL's picture as image1.png, and the HCX prompt names each image: the same name here
        Path image = dir.resolve("image1.png");
        ImageIO.write(picture, "png", image.toFile());

        Run local = glimpse("ask", "--model", model.toString(), "--image", image.toString(), "--greedy", "--max-tokens", "12",
                "--no-record", "What is in the picture?");
        assertThat(local.code()).as(local.err()).isZero();

        try (VisionLanguageModel m = VisionLanguageModel.open(model, new RuntimeOptions(false, 0));
             PlanContext plan = ServePlans.open(model);
             GlimpseServer server = GlimpseServer.start(new ServeOptions("127.0.0.1", 0, null, false, 16 << 20, 16 << 20, 2, 256), m, plan,
                     "random", SamplingParams.defaults(), ServeCommand.reporting(List.of(), 0))) {
            Run remote = glimpse("ask", "--endpoint", "http://127.0.0.1:" + server.port(), "--image", image.toString(), "--greedy",
                    "--max-tokens", "12", "What is in the picture?");
            assertThat(remote.code()).as(remote.err()).isZero();
            assertThat(remote.out().strip()).isEqualTo(local.out().strip());
            java.util.regex.Matcher recorded = java.util.regex.Pattern.compile("glimpse: recorded as run (\\d+)").matcher(remote.err());
            assertThat(recorded.find()).as(remote.err()).isTrue(); // remote runs go into the history too
            Run rerun = glimpse("history", "rerun", recorded.group(1));
            assertThat(rerun.code()).isEqualTo(2);
            assertThat(rerun.err()).startsWith("glimpse: run " + recorded.group(1) + " was answered by the endpoint http://127.0.0.1:");
            assertThat(local.out().strip()).isNotEmpty();
        }
    }
}
