package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.ServeCommand;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.vision.VisionLanguageModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/** The generated probe model (it answers "aaaa...") loaded once, and servers over it for the tests. */
final class ServeTestSupport implements AutoCloseable {
    final VisionLanguageModel model;
    final PlanContext plan;
    final HttpClient client = HttpClient.newHttpClient();

    ServeTestSupport(Path dir) throws Exception {
        Path probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        model = VisionLanguageModel.open(probe, new RuntimeOptions(false, 0));
        plan = ServePlans.open(probe);
    }

    GlimpseServer start(ServeOptions options) throws Exception {
        return GlimpseServer.start(options, model, plan, "probe", SamplingParams.defaults(),
                ServeCommand.reporting(List.of(), 0));
    }

    static ServeOptions options(String apiKey, int queue, long maxBody, long maxImage) {
        return new ServeOptions("127.0.0.1", 0, apiKey, false, maxBody, maxImage, queue, 16);
    }

    HttpResponse<String> post(GlimpseServer s, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(GlimpseServer s, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) throws Exception {
        return GlimpseServer.MAPPER.readTree(text);
    }

    static String pngDataUrl(int width, int height) throws Exception {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 6, height / 6, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", bytes);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String question(String text, int maxTokens, boolean stream) {
        return "{\"model\": \"probe\", \"max_tokens\": " + maxTokens + ", \"temperature\": 0, \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}";
    }

    @Override
    public void close() {
        plan.close();
        model.close();
    }
}
