package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code generic} test model against the reference library: transformers.js' own AutoProcessor
 * must load the folder as it is (a LlavaProcessor), and its pixel_values and input ids for an image
 * and a question must be what {@code glimpse plan} says the model gets. The library is installed from
 * npm into target/ once (ONNX Runtime's CUDA download skipped); without node and npm, or without the
 * registry, the test skips and says why.
 */
class TransformersJsProcessorTest {
    private static final String VERSION = "4.3.2";
    private static final String SCRIPT = """
            import { env, AutoProcessor, RawImage } from '@huggingface/transformers';
            import path from 'node:path';
            import fs from 'node:fs';
            const [folder, image, textFile] = process.argv.slice(2);
            env.allowRemoteModels = false;
            env.localModelPath = path.dirname(path.resolve(folder)) + '/';
            const processor = await AutoProcessor.from_pretrained(path.basename(folder));
            const out = await processor(await RawImage.read(image), fs.readFileSync(textFile, 'utf8'));
            console.log(JSON.stringify({ processor: processor.constructor.name, pixelValues: out.pixel_values.dims,
                ids: Array.from(out.input_ids.data, Number) }));
            """;

    @TempDir
    Path dir;

    @Test
    void transformersJsLoadsTheGenericFolderAndAgreesWithThePlan() throws Exception {
        Path lib = installTransformersJs();
        Path model = dir.resolve("generic");
        Run made = CommandLineTest.glimpse("make-test-model", "--family", "generic", "--out", model.toString());
        assertThat(made.code()).as(made.err()).isZero();
        Path image = dir.resolve("picture.png");
        BufferedImage picture = new BufferedImage(467, 311, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 467, 311);
        g.setColor(Color.BLUE);
        g.fillOval(80, 40, 250, 200);
        g.dispose();
        ImageIO.write(picture, "png", image.toFile());

        Run plan = CommandLineTest.glimpse("plan", "--model", model.toString(), "--image", image.toString(),
                "--prompt", "What is this?", "--show-prompt", "--json");
        assertThat(plan.code()).as(plan.err()).isZero();
        JsonNode n = Json.MAPPER.readTree(plan.out());
        JsonNode picturePart = n.get("segments").get(0);
        assertThat(picturePart.get("kind").asText()).isEqualTo("image");
        int visual = picturePart.get("detail").get("visual").asInt();
        String tile = picturePart.get("detail").get("tile").asText(); // one tile per image, "378x378"
        JsonNode prompt = n.get("prompt");
        // the processor gets the prompt as the chat template renders it: one placeholder per image
        Path text = Files.writeString(dir.resolve("prompt.txt"), prompt.get("collapsed").asText().replace("<|dummy3|> ×" + visual, "<|dummy3|>"));

        JsonNode js = Json.MAPPER.readTree(node(lib, model, image, text));
        assertThat(js.get("processor").asText()).isEqualTo("LlavaProcessor");
        String[] side = tile.split("x");
        assertThat(js.get("pixelValues").toString()).isEqualTo("[1,3," + side[1] + "," + side[0] + "]");
        List<Integer> ids = new ArrayList<>();
        js.get("ids").forEach(i -> ids.add(i.asInt()));
        List<Integer> glimpse = new ArrayList<>();
        prompt.get("ids").forEach(i -> glimpse.add(i.asInt()));
        assertThat(ids.stream().filter(i -> i == 261).count()).as("image tokens").isEqualTo(visual).isEqualTo(81);
        assertThat(ids).isEqualTo(glimpse);
    }

    /** target/transformers-js with the library installed, installing it the first time. */
    private static Path installTransformersJs() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not on the PATH: the transformers.js cross-check is skipped");
        Path lib = Path.of("target", "transformers-js").toAbsolutePath();
        if (!Files.isRegularFile(lib.resolve("node_modules/@huggingface/transformers/package.json"))) {
            Files.createDirectories(lib);
            ProcessBuilder pb = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", lib.toString(),
                    "@huggingface/transformers@" + VERSION).redirectErrorStream(true);
            pb.environment().put("ONNXRUNTIME_NODE_INSTALL_CUDA", "skip");
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            assumeTrue(done && p.exitValue() == 0, "npm could not install @huggingface/transformers@" + VERSION
                    + " (no registry?); the transformers.js cross-check is skipped:\n" + log);
        }
        Files.writeString(lib.resolve("processor.mjs"), SCRIPT);
        return lib;
    }

    private static String node(Path lib, Path model, Path image, Path text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", lib.resolve("processor.mjs").toString(), model.toString(), image.toString(),
                text.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("node exit code; stdout: " + out).isZero();
        return out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
