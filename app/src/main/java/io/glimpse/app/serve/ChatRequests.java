package io.glimpse.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.inference.chat.ChatMessage;
import io.glimpse.inference.sampling.SamplingParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Reads a chat-completions body into a {@link ChatCall}; every refusal names the offending field. */
final class ChatRequests {
    private final ServeOptions options;

    ChatRequests(ServeOptions options) {
        this.options = options;
    }

    /** @param defaults the model's sampling (generation_config.json), which the request's fields override */
    ChatCall parse(JsonNode body, SamplingParams defaults) {
        if (!body.isObject()) {
            throw ApiError.invalid(null, "the request body must be a JSON object");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages", "messages must be a non-empty array");
        }
        List<Path> temporary = new ArrayList<>();
        try {
            return parse(body, messages, defaults, temporary);
        } catch (RuntimeException e) {
            delete(temporary);
            throw e;
        }
    }

    private ChatCall parse(JsonNode body, JsonNode messages, SamplingParams defaults, List<Path> temporary) {
        String system = null;
        List<ChatMessage> history = new ArrayList<>();
        List<Path> images = List.of();
        String question = null;
        int last = messages.size() - 1;
        for (int i = 0; i <= last; i++) {
            String at = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            String role = text(m, "role", at + ".role");
            JsonNode content = m.get("content");
            if (content == null || !(content.isTextual() || content.isArray())) {
                throw ApiError.invalid(at + ".content", at + ".content must be a string or an array of parts");
            }
            List<Path> pictures = new ArrayList<>();
            String text = content(content, at + ".content", pictures, temporary);
            switch (role) {
                case "system", "developer" -> {
                    if (i != 0 || !pictures.isEmpty()) {
                        throw ApiError.invalid(at, "a system message must come first and hold only text");
                    }
                    system = text;
                }
                case "user", "assistant" -> {
                    if (i == last) {
                        if (!role.equals("user")) {
                            throw ApiError.invalid(at + ".role", "the last message must be the user's question");
                        }
                        question = text;
                        images = pictures;
                    } else {
                        // the ask pipeline places pictures in the question only, as `glimpse ask --history` does
                        if (!pictures.isEmpty()) {
                            throw ApiError.invalid(at + ".content", "images are supported in the last user message only");
                        }
                        history.add(role.equals("user") ? ChatMessage.user(text) : ChatMessage.assistant(text));
                    }
                }
                default -> throw ApiError.invalid(at + ".role", "unknown role '" + role + "'");
            }
        }
        int maxTokens = body.has("max_completion_tokens") ? integer(body, "max_completion_tokens", 1)
                : body.has("max_tokens") ? integer(body, "max_tokens", 1) : options.defaultMaxTokens();
        boolean stream = body.has("stream") && bool(body, "stream");
        return new ChatCall(question, system, history, images, temporary, maxTokens, sampling(body, defaults), stop(body),
                stream, logprobs(body, stream));
    }

    private String content(JsonNode content, String at, List<Path> pictures, List<Path> temporary) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            String p = at + "[" + j + "]";
            JsonNode part = content.get(j);
            String type = text(part, "type", p + ".type");
            switch (type) {
                case "text" -> {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(text(part, "text", p + ".text"));
                }
                case "image_url" -> {
                    JsonNode u = part.get("image_url");
                    String url = u != null && u.isObject() ? text(u, "url", p + ".image_url.url")
                            : u != null && u.isTextual() ? u.asText() : null;
                    if (url == null) {
                        throw ApiError.invalid(p + ".image_url", p + ".image_url must be an object with a url");
                    }
                    pictures.add(image(url, p + ".image_url.url", temporary));
                }
                default -> throw ApiError.invalid(p + ".type", "unsupported content part type '" + type
                        + "' (text and image_url are)");
            }
        }
        return text.toString();
    }

    private Path image(String url, String at, List<Path> temporary) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
                throw ApiError.invalid(at, "a data: URL must be base64 (data:image/png;base64,...)");
            }
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(url.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid(at, "the data: URL is not valid base64: " + e.getMessage());
            }
            if (bytes.length > options.maxImageBytes()) {
                throw new ApiError(413, "invalid_request_error", at, "image_too_large", "the image is " + bytes.length
                        + " bytes; this server takes at most " + options.maxImageBytes());
            }
            try {
                // the HCX prompt names each picture's file: a stable name keeps the prompt (and /v1/plan's count) the same
                if (temporary.isEmpty()) {
                    temporary.add(Files.createTempDirectory("glimpse-serve-"));
                }
                String type = url.substring("data:".length(), comma - ";base64".length()).toLowerCase(Locale.ROOT);
                String ext = type.startsWith("image/") && type.substring(6).matches("[a-z0-9.+-]{1,10}")
                        ? type.substring(6).replace("jpeg", "jpg") : "img";
                Path f = temporary.get(0).resolve("image" + temporary.size() + "." + ext);
                temporary.add(f);
                Files.write(f, bytes);
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:")) {
            // fetching URLs would let any client make this machine connect anywhere
            throw ApiError.invalid(at, "remote image URLs are not fetched; send the picture as a data: URL");
        }
        if (!options.allowFiles()) {
            throw ApiError.invalid(at, "local file paths are refused unless the server runs with --allow-files; "
                    + "send the picture as a data: URL");
        }
        Path f;
        try {
            f = lower.startsWith("file:") ? Path.of(java.net.URI.create(url)) : Path.of(url); // file: URLs percent-decoded
        } catch (IllegalArgumentException e) { // a bad URI, or InvalidPathException
            throw ApiError.invalid(at, "not a file path or file: URL: " + e.getMessage());
        }
        if (!Files.isRegularFile(f)) {
            throw ApiError.invalid(at, "no such file: " + f);
        }
        return f;
    }

    private static SamplingParams sampling(JsonNode body, SamplingParams p) {
        try {
            if (body.has("temperature")) {
                double t = number(body, "temperature");
                // OpenAI's temperature 0 means the most likely token, which the sampler calls greedy
                p = t == 0 ? p.withDoSample(false) : p.withTemperature(t).withDoSample(true);
            }
            if (body.has("top_p")) {
                p = p.withTopP(number(body, "top_p"));
            }
            if (body.has("top_k")) {
                p = p.withTopK(integer(body, "top_k", 0));
            }
            if (body.has("seed")) {
                p = p.withSeed((long) integer(body, "seed", Integer.MIN_VALUE));
            }
            return p;
        } catch (IllegalArgumentException e) {
            // the sampler's own range checks (top_p in (0, 1], temperature above 0) name the value
            throw ApiError.invalid(null, e.getMessage());
        }
    }

    /** OpenAI's {@code logprobs: true} with {@code top_logprobs} 0-20; -1 without logprobs. */
    private static int logprobs(JsonNode body, boolean stream) {
        boolean on = body.has("logprobs") && !body.get("logprobs").isNull() && bool(body, "logprobs");
        if (!on) {
            if (body.has("top_logprobs") && !body.get("top_logprobs").isNull()) {
                throw ApiError.invalid("top_logprobs", "top_logprobs needs logprobs: true");
            }
            return -1;
        }
        if (stream) {
            // the streamed pieces are whole characters, not tokens: there is no token to hang each logprob on
            throw ApiError.invalid("logprobs", "logprobs are given in non-streamed answers only");
        }
        int k = body.has("top_logprobs") && !body.get("top_logprobs").isNull() ? integer(body, "top_logprobs", 0) : 0;
        if (k > io.glimpse.inference.generate.GenerationRequest.MAX_TOP_LOGPROBS) {
            throw ApiError.invalid("top_logprobs", "top_logprobs must be at most "
                    + io.glimpse.inference.generate.GenerationRequest.MAX_TOP_LOGPROBS);
        }
        return k;
    }

    private static List<String> stop(JsonNode body) {
        JsonNode s = body.get("stop");
        if (s == null || s.isNull()) {
            return List.of();
        }
        if (s.isTextual()) {
            return List.of(s.asText());
        }
        if (s.isArray() && s.size() <= 4) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : s) {
                if (!e.isTextual() || e.asText().isEmpty()) {
                    throw ApiError.invalid("stop", "stop must hold non-empty strings");
                }
                out.add(e.asText());
            }
            return out;
        }
        throw ApiError.invalid("stop", "stop must be a string or an array of at most 4 strings");
    }

    private static String text(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual()) {
            throw ApiError.invalid(at, at + " must be a string");
        }
        return v.asText();
    }

    private static double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isNumber()) {
            throw ApiError.invalid(field, field + " must be a number");
        }
        return v.asDouble();
    }

    private static int integer(JsonNode body, String field, int min) {
        JsonNode v = body.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
            throw ApiError.invalid(field, field + " must be an integer" + (min > Integer.MIN_VALUE ? " of at least " + min : ""));
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isBoolean()) {
            throw ApiError.invalid(field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    /** Deletes in reverse order: the pictures, then their folder. */
    static void delete(List<Path> files) {
        for (int i = files.size() - 1; i >= 0; i--) {
            Path f = files.get(i);
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a temporary file left in the temp folder is harmless
            }
        }
    }
}
