package io.glimpse.app.remote;

import static io.glimpse.app.remote.ScriptedServer.DONE;
import static io.glimpse.app.remote.ScriptedServer.delta;
import static io.glimpse.app.remote.ScriptedServer.finish;
import static io.glimpse.app.remote.ScriptedServer.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.app.ui.engine.AnswerListener;
import io.glimpse.app.ui.engine.AnswerRequest;
import io.glimpse.app.ui.engine.StageTime;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.media.CancelToken;
import io.glimpse.media.ProgressListener;
import io.glimpse.media.video.FrameSelection;
import io.glimpse.media.video.SamplingPlan;
import io.glimpse.media.video.SamplingRequest;
import io.glimpse.media.video.SyntheticVideo;
import io.glimpse.media.video.VideoProbe;
import io.glimpse.plugins.ModelFamilies;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote engine: what goes over the wire for an image and a video, and the ledger beside the server's count. */
class RemoteEngineTest {
    @TempDir
    static Path dir;
    static Path picture;
    static Path video;

    @BeforeAll
    static void media() throws Exception {
        picture = dir.resolve("pic.png");
        ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        video = dir.resolve("clip.mp4");
        SyntheticVideo.write(video, SyntheticVideo.Spec.of(320, 240, 25, 100), CancelToken.NONE, ProgressListener.NONE);
    }

    @Test
    void sendsTheOriginalImageAndTheSampledFramesAndComparesTheLedgerWithTheServersUsage() throws Exception {
        SamplingRequest four = SamplingRequest.of(new FrameSelection.Count(4));
        AnswerRequest request = new AnswerRequest("Be brief.", "What happens?", List.of(new AnswerRequest.Image(picture, "")),
                List.of(new AnswerRequest.Video(video, four)), SamplingParams.greedy(), 32, 0);
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.sse(0, delta("A "), delta("clock."), finish("stop"),
                usage(1000, 2), DONE));
             RemoteEngine engine = RemoteEngine.connect(RemoteEndpoint.of(s.url(), null, "hcx"), RemotePricing.open(null), CancelToken.NONE)) {
            RemoteEngine.RemoteAnswer a = engine.ask(request, AnswerListener.NONE, CancelToken.NONE);

            JsonNode body = RemoteClient.MAPPER.readTree(s.received.get(0).body());
            assertThat(body.get("model").asText()).isEqualTo("hcx");
            assertThat(body.get("stream").asBoolean()).isTrue();
            assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(body.get("temperature").asDouble()).isZero();
            assertThat(body.get("max_tokens").asInt()).isEqualTo(32);
            assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be brief.");
            JsonNode parts = body.at("/messages/1/content");
            assertThat(parts.get(0).at("/image_url/url").asText())
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(picture)));
            String frames = parts.get(1).at("/video_url/url").asText();
            assertThat(frames).startsWith("data:video/jpeg;base64,");
            String[] jpegs = frames.substring("data:video/jpeg;base64,".length()).split(",");
            assertThat(jpegs).hasSize(4);
            BufferedImage first = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(jpegs[0])));
            assertThat(first.getWidth()).isEqualTo(320);
            assertThat(parts.get(2).get("text").asText()).isEqualTo("What happens?");

            // the ledger priced exactly the four frames sent, as the plan for this selection counts them
            SamplingPlan plan = SamplingPlan.of(VideoProbe.probe(video), four);
            try (PlanContext ctx = PlanContext.open(ModelFamilies.byId(RemotePricing.DEFAULT_PROFILE).orElseThrow(), null)) {
                int expected = ctx.ledger(new LedgerRequest("Be brief.", List.of(), List.of(new LedgerRequest.Image("pic.png", 640, 480, "")),
                        List.of(new LedgerRequest.Video("clip.mp4", plan.indices().size(), plan.endSeconds() - plan.startSeconds())),
                        "What happens?", 32, ctx.contextLength(), ctx.vision().maxGrids())).promptTokens();
                assertThat(a.ledger().promptTokens()).isEqualTo(expected);
                assertThat(a.comparison()).contains("Glimpse's ledger predicted " + expected + " prompt tokens")
                        .contains(String.format("the server counted 1000: difference %+d", 1000 - expected))
                        .contains("Why they can differ");
            }
            assertThat(a.result().text()).isEqualTo("A clock.");
            assertThat(a.result().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(a.result().promptTokens()).isEqualTo(1000);
            assertThat(a.result().generatedTokens()).isEqualTo(2);
            assertThat(a.result().stages()).extracting(StageTime::name).containsExactly("decode", "prefill", "generation");
            assertThat(a.result().timeToFirstTokenMs()).isGreaterThanOrEqualTo(a.result().stages().get(0).durationMs());
        }
    }

    @Test
    void theFramesSentAreTheFramesTheSamplerDelivers() throws Exception {
        SamplingRequest fps = SamplingRequest.of(new FrameSelection.Fps(2, 1, 100)).withRange(0.5, 3.0);
        RemoteMedia.Frames sent = RemoteMedia.videoFrames(video, fps, CancelToken.NONE);
        List<io.glimpse.media.video.SampledFrame> sampled = io.glimpse.media.video.FrameSampler.sampleToList(video, fps);
        assertThat(sent.jpegBase64()).hasSameSizeAs(sampled).hasSizeGreaterThan(1);
        for (int i = 0; i < sampled.size(); i++) {
            BufferedImage jpeg = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(sent.jpegBase64().get(i))));
            // the frame's own number, drawn into it as a barcode, survives the JPEG encoding
            assertThat(SyntheticVideo.readNumber(io.glimpse.media.RgbImage.fromBufferedImage(jpeg, 0)))
                    .isEqualTo(SyntheticVideo.readNumber(sampled.get(i).image()));
        }
        SamplingPlan plan = SamplingPlan.of(VideoProbe.probe(video), fps);
        assertThat(sent.durationSeconds()).isEqualTo(plan.endSeconds() - plan.startSeconds());
    }

    @Test
    void withoutAModelNameTheFirstListedIsUsed() throws Exception {
        try (ScriptedServer s = new ScriptedServer(x -> {
            if (x.getRequestURI().getPath().endsWith("/models")) {
                ScriptedServer.json(200, "{\"data\":[{\"id\":\"served-hcx\"}]}").handle(x);
            } else {
                ScriptedServer.sse(0, delta("ok"), finish("stop"), DONE).handle(x);
            }
        });
             RemoteEngine engine = RemoteEngine.connect(RemoteEndpoint.of(s.url(), null, null), null, CancelToken.NONE)) {
            AnswerRequest request = new AnswerRequest(null, "Hi", List.of(), List.of(), SamplingParams.defaults(), 8, 0);
            var r = engine.answer(request, AnswerListener.NONE, CancelToken.NONE);
            assertThat(engine.describe()).isEqualTo(engine.name()).startsWith("served-hcx (remote, "); // no pricing, no comparison
            assertThat(RemoteClient.MAPPER.readTree(s.received.get(1).body()).get("model").asText()).isEqualTo("served-hcx");
            assertThat(r.text()).isEqualTo("ok");
        }
    }
}
