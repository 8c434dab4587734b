package io.glimpse.app.serve;

import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.testmodel.TestModelWriter;
import io.glimpse.inference.vision.AskListener;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code glimpse bench serve}: concurrent streamed chats against a {@code glimpse serve} of the generated
 * probe model on loopback, with the JDK client, beside the same request run in-process. The model runs one
 * request at a time, so time to first byte includes the wait in the queue; the serving overhead is the wall
 * time per served request minus the in-process run time.
 */
public final class LoadTest {
    private LoadTest() {
    }

    public static void run(PrintWriter out, int streams, int seconds, int tokens, int queue, ServeReporting reporting)
            throws Exception {
        Path dir = Files.createTempDirectory("glimpse-bench-serve");
        Path probe = dir.resolve("probe");
        TestModelWriter.write(probe, TestModelWriter.Family.HCX_VISION_PROBE, 1);
        try (VisionLanguageModel model = VisionLanguageModel.open(probe, new RuntimeOptions(false, 0));
             PlanContext plan = ServePlans.open(probe)) {
            SamplingParams greedy = SamplingParams.defaults().withDoSample(false);
            AskRequest request = AskRequest.of("Hello?", new GenerationRequest(tokens, greedy, Set.of(), List.of()));
            for (int i = 0; i < 500; i++) { // warm-up: with fewer, the JIT still inflates the "before" figure
                model.ask(request, AskListener.NONE, new CancelToken());
            }
            double before = inProcess(model, request);
            ServeOptions options = new ServeOptions("127.0.0.1", 0, null, false, ServeOptions.DEFAULT_BODY_BYTES,
                    ServeOptions.DEFAULT_IMAGE_BYTES, queue, tokens);
            try (GlimpseServer server = GlimpseServer.start(options, model, plan, "probe", greedy, reporting)) {
                String body = "{\"model\": \"probe\", \"max_tokens\": " + tokens + ", \"temperature\": 0, \"stream\": true,"
                        + " \"messages\": [{\"role\": \"user\", \"content\": \"Hello?\"}]}";
                URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<Double> ttfb = Collections.synchronizedList(new ArrayList<>());
                AtomicInteger served = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                AtomicInteger errors = new AtomicInteger();
                List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                long deadline = start + seconds * 1_000_000_000L;
                List<Thread> threads = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    Thread t = new Thread(() -> {
                        while (System.nanoTime() < deadline) {
                            long sent = System.nanoTime();
                            try {
                                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
                                try (InputStream in = r.body()) {
                                    if (r.statusCode() == 429) {
                                        in.readAllBytes();
                                        refused.incrementAndGet();
                                        Thread.sleep(20); // a client backs off before retrying
                                        continue;
                                    }
                                    int first = in.read();
                                    double ms = (System.nanoTime() - sent) / 1e6;
                                    String rest = (char) first + new String(in.readAllBytes(), StandardCharsets.UTF_8);
                                    if (r.statusCode() != 200 || !rest.endsWith("data: [DONE]\n\n")) {
                                        throw new IllegalStateException("status " + r.statusCode() + ": " + rest);
                                    }
                                    ttfb.add(ms);
                                    served.incrementAndGet();
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(e.toString());
                                }
                            }
                        }
                    }, "bench-serve-" + s);
                    t.start();
                    threads.add(t);
                }
                for (Thread t : threads) {
                    t.join();
                }
                double wallMs = (System.nanoTime() - start) / 1e6;
                List<Double> sorted = new ArrayList<>(ttfb);
                Collections.sort(sorted);
                out.printf(Locale.ROOT, "%d concurrent streams for %d s, %d greedy tokens each, queue %d, probe model, loopback%n",
                        streams, seconds, tokens, queue);
                out.printf(Locale.ROOT, "  served %d (%.1f/s), refused 429 %d, other errors %d%n", served.get(),
                        served.get() / (wallMs / 1000), refused.get(), errors.get());
                firstErrors.forEach(e -> out.println("    error: " + e));
                if (!sorted.isEmpty()) {
                    out.printf(Locale.ROOT, "  time to first byte p50 %.1f ms, p99 %.1f ms (includes the wait in the queue)%n",
                            percentile(sorted, 0.50), percentile(sorted, 0.99));
                    // measured before and after the load: on a shared machine one in-process figure alone can mislead
                    double after = inProcess(model, request);
                    double inProcessMs = (before + after) / 2;
                    double perRequest = wallMs / served.get();
                    out.printf(Locale.ROOT, "  wall per served request %.2f ms vs in-process run %.2f ms (%.2f before, %.2f after):"
                            + " serving overhead %.2f ms per request%n", perRequest, inProcessMs, before, after, perRequest - inProcessMs);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                ChatRequests.delete(files.toList()); // parents first in the walk, so deleted last
            }
        }
    }

    /** Mean ms of one run of {@code request} on the model directly, as the server runs it. */
    private static double inProcess(VisionLanguageModel model, AskRequest request) throws Exception {
        int rounds = 300;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            model.ask(request, AskListener.NONE, new CancelToken());
        }
        return (System.nanoTime() - t0) / 1e6 / rounds;
    }

    private static double percentile(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
