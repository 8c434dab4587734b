package io.glimpse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.plan.MediaFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The jobs of a batch: read from a media folder or a JSONL file; each a question about some media. */
final class BatchJobs {
    /** Extensions of files a media folder's listing treats as media; anything else is skipped with a note. */
    private static final Set<String> MEDIA = Set.of("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff", "heic", "heif", "avif",
            "mp4", "mov", "mkv", "webm", "avi", "m4v", "mpg", "mpeg", "ts", "flv", "wmv", "3gp");

    private BatchJobs() {
    }

    /**
     * One job.
     *
     * @param id        its name in the output (unique in a batch)
     * @param media     the files, in prompt order (images and videos told apart by their bytes)
     * @param overrides the job's own settings (JSONL only): system, count, fps, max_tokens, temperature, top_k, top_p, seed, greedy
     */
    record Job(String id, List<Path> media, String question, JsonNode overrides) {
        List<Path> images() {
            return media.stream().filter(MediaFiles::isImage).toList();
        }

        List<Path> videos() {
            return media.stream().filter(f -> !MediaFiles.isImage(f)).toList();
        }
    }

    /** One job per media file of {@code dir} (sorted by name); other files are named in {@code skipped}. */
    static List<Job> fromFolder(Path dir, String question, List<String> skipped) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageException("--media-dir " + dir + ": not a folder");
        }
        List<Job> jobs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (Files.isDirectory(f) || name.startsWith(".")) {
                    continue;
                }
                if (!MEDIA.contains(ext)) {
                    skipped.add(name);
                    continue;
                }
                jobs.add(new Job(name, List.of(f), question, null));
            }
        }
        return jobs;
    }

    /**
     * The jobs of a JSONL file: one object per line, {@code {"id"?, "media": [paths], "question"?, ...}};
     * relative media paths are relative to the file's folder. A bad line is an error naming the line.
     */
    static List<Job> fromJsonl(Path file, String defaultQuestion) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("--jobs " + file + ": not a file");
        }
        List<Job> jobs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path base = file.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Main.UsageException(where + ": not JSON (" + e.getOriginalMessage() + ")");
            }
            if (!n.isObject()) {
                throw new Main.UsageException(where + ": a job is a JSON object, got " + n.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            JsonNode media = n.get("media");
            if (media == null || !media.isArray() || media.isEmpty()) {
                throw new Main.UsageException(where + ": \"media\" must be a non-empty array of file paths");
            }
            List<Path> files = new ArrayList<>();
            for (JsonNode m : media) {
                if (!m.isTextual()) {
                    throw new Main.UsageException(where + ": \"media\" holds file paths (strings), got " + m);
                }
                files.add(base.resolve(m.asText()));
            }
            String question = n.hasNonNull("question") ? n.get("question").asText() : defaultQuestion;
            if (question == null || question.isBlank()) {
                throw new Main.UsageException(where + ": no \"question\" and no --question");
            }
            String id = n.hasNonNull("id") ? n.get("id").asText() : "line-" + (i + 1);
            if (!ids.add(id)) {
                throw new Main.UsageException(where + ": the id \"" + id + "\" is used twice (--resume tells jobs apart by id)");
            }
            jobs.add(new Job(id, List.copyOf(files), question, n));
        }
        return jobs;
    }
}
