package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.glimpse.app.plan.PlanContext;
import io.glimpse.inference.generate.FinishReason;
import io.glimpse.inference.generate.GenerationRequest;
import io.glimpse.inference.ledger.LedgerRequest;
import io.glimpse.inference.sampling.SamplingParams;
import io.glimpse.inference.vision.AskRequest;
import io.glimpse.inference.vision.AskResult;
import io.glimpse.inference.vision.RequestTooLongException;
import io.glimpse.inference.vision.VisionLanguageModel;
import io.glimpse.media.CancelToken;
import io.glimpse.media.MediaException;
import io.glimpse.media.image.ImageInfo;
import io.glimpse.media.image.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /v1/chat/completions}, {@code /v1/plan} and {@code /v1/models} over one model. */
final class ChatEndpoint {
    private final ServeOptions options;
    private final VisionLanguageModel model;
    private final PlanContext plan;
    private final String modelId;
    private final ServeReporting reporting;
    private final RunQueue queue;
    private final SamplingParams defaults;
    private final ChatRequests requests;
    private final long created = System.currentTimeMillis() / 1000;
    private volatile String lastFinishReason;

    ChatEndpoint(ServeOptions options, VisionLanguageModel model, PlanContext plan, String modelId, ServeReporting reporting,
                 SamplingParams defaults, RunQueue queue) {
        this.defaults = defaults;
        this.options = options;
        this.model = model;
        this.plan = plan;
        this.modelId = modelId;
        this.reporting = reporting;
        this.queue = queue;
        this.requests = new ChatRequests(options);
    }

    String lastFinishReason() {
        return lastFinishReason;
    }

    ObjectNode models() {
        ObjectNode root = GlimpseServer.MAPPER.createObjectNode();
        root.put("object", "list");
        ObjectNode m = root.putArray("data").addObject();
        m.put("id", modelId);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "glimpse");
        return root;
    }

    /** The ledger the request would get, from the pictures' sizes alone: nothing decoded, nothing run. */
    ObjectNode plan(JsonNode body) {
        ChatCall call = requests.parse(body, defaults);
        try {
            List<LedgerRequest.Image> images = new ArrayList<>();
            for (int i = 0; i < call.images().size(); i++) {
                Path f = call.images().get(i);
                ImageInfo info = probe(f, i);
                images.add(new LedgerRequest.Image(f.getFileName().toString(), info.uprightWidth(), info.uprightHeight(), ""));
            }
            LedgerRequest r = new LedgerRequest(call.system(), call.history(), images, List.of(), call.question(),
                    call.maxTokens(), plan.contextLength(), plan.vision().maxGrids());
            ObjectNode root = GlimpseServer.MAPPER.createObjectNode();
            root.put("object", "glimpse.plan");
            root.put("model", modelId);
            root.set("ledger", reporting.ledger(plan.ledger(r)));
            return root;
        } finally {
            ChatRequests.delete(call.temporary());
        }
    }

    private static ImageInfo probe(Path f, int i) {
        try {
            return ImageLoader.defaults().probeLoadable(f);
        } catch (MediaException e) {
            throw ApiError.invalid("image " + (i + 1), "image " + (i + 1) + " cannot be read: " + e.getMessage());
        }
    }

    void complete(HttpExchange ex, JsonNode body) throws IOException {
        ChatCall call = requests.parse(body, defaults);
        try (RunQueue.Turn turn = queue.tryEnter()) {
            if (turn == null) {
                throw new ApiError(429, "rate_limit_error", null, "queue_full", "the model is busy and " + options.queue()
                        + " requests already wait; retry later");
            }
            try {
                turn.awaitModel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(503, "server_error", null, "shutting_down", "the server is stopping");
            }
            run(ex, call, turn);
        } finally {
            ChatRequests.delete(call.temporary());
        }
    }

    private void run(HttpExchange ex, ChatCall call, RunQueue.Turn turn) throws IOException {
        // the sampler reports at least the chosen token's logprob once asked for one alternative
        GenerationRequest generation = new GenerationRequest(call.maxTokens(), call.sampling(), Set.of(), call.stop(),
                call.topLogprobs() < 0 ? 0 : Math.max(1, call.topLogprobs()));
        AskRequest request = AskRequest.of(call.question(), generation).withHistory(call.history());
        if (call.system() != null) {
            request = request.withSystem(call.system());
        }
        for (Path f : call.images()) {
            request = request.withImage(f, "");
        }
        CancelToken cancel = new CancelToken();
        ChatStream stream = call.stream() ? new ChatStream(ex, cancel, chunkBase()) : null;
        AskResult result;
        try {
            result = model.ask(request, stream == null ? io.glimpse.inference.vision.AskListener.NONE : stream, cancel);
        } catch (RequestTooLongException e) {
            throw ApiError.invalid("messages", e.getMessage());
        } catch (MediaException | IllegalArgumentException e) {
            throw ApiError.invalid("messages", e.getMessage());
        }
        // the model is free once the answer is complete: the next client need not wait for this one's last bytes
        turn.close();
        lastFinishReason = result.finishReason().name();
        if (stream != null) {
            stream.finish(finishReason(result), usage(result), result.generation().error());
            return;
        }
        if (result.generation().error() != null) {
            throw new ApiError(500, "server_error", null, "generation_failed", "generation failed: "
                    + result.generation().error());
        }
        ObjectNode root = chunkBase();
        root.put("object", "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", result.text());
        choice.put("finish_reason", finishReason(result));
        if (call.topLogprobs() >= 0) {
            choice.set("logprobs", ServeLogprobs.json(result.generation().logprobs(), call.topLogprobs(), model.tokenizer()));
        }
        root.set("usage", usage(result));
        GlimpseServer.send(ex, 200, root);
    }

    private ObjectNode chunkBase() {
        ObjectNode root = GlimpseServer.MAPPER.createObjectNode();
        root.put("id", "chatcmpl-" + java.util.UUID.randomUUID());
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", modelId);
        return root;
    }

    private static String finishReason(AskResult r) {
        return r.finishReason() == FinishReason.LENGTH ? "length" : r.finishReason() == FinishReason.STOP ? "stop"
                : r.finishReason().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** OpenAI's usage, with Glimpse's ledger and stage timings beside it (clients ignore fields they do not know). */
    private ObjectNode usage(AskResult r) {
        ObjectNode u = GlimpseServer.MAPPER.createObjectNode();
        u.put("prompt_tokens", r.generation().promptTokens());
        u.put("completion_tokens", r.generation().generatedTokens());
        u.put("total_tokens", r.generation().promptTokens() + r.generation().generatedTokens());
        ObjectNode g = u.putObject("glimpse");
        g.set("ledger", r.ledger() == null ? null : reporting.ledger(r.ledger()));
        g.set("timings", reporting.timings(r));
        return u;
    }
}
