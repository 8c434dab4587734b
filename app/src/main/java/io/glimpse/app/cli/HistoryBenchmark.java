package io.glimpse.app.cli;

import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.ui.vm.HistoryViewModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The history's figures: a temporary store filled with N realistic records (32 frames sent, a
 * ledger, stages, a 60-250 word answer), the time to add one, and the queries the history pane
 * runs: its first page (list, model names, count) and searches by a word of the answer, a media
 * name and a model.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "History store: add time, and the history pane's open and searches over N records.")
final class HistoryBenchmark implements Callable<Integer> {
    static final String[] WORDS = ("the a boat harbour crane container ship dock water sky grey blue person people walks stands near left right "
            + "top bottom frame second video image shows appears there is are two three several small large red white green car truck "
            + "road bridge tower light sign text reads total receipt price table chart model answer first then after before moves")
            .split(" ");
    /** In about one answer in a hundred: a search that must look at every row. */
    static final String RARE = "lighthouse";
    static final String[] QUESTIONS = {"What happens in the video?", "How many boats are in the harbour?", "Read the text on the sign.",
        "Describe the scene in one sentence.", "What is the total on the receipt?", "Which way does the car turn?",
        "Summarise the clip for a caption.", "Is anyone wearing a red jacket?"};

    @Spec
    CommandSpec spec;

    @Option(names = "--records", defaultValue = "10000", description = "records in the store (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--rounds", defaultValue = "20", description = "timed rounds per query, median kept (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("glimpse-bench-history");
        Path file = dir.resolve("history.db");
        Random random = new Random(14);
        List<String> models = List.of("/models/hcx-seed-vision-3b", "/models/hcx-seed-vision-3b-int4", "/models/qwen2-vl-2b");
        try (HistoryStore store = HistoryStore.open(file)) {
            double[] add = new double[records];
            long fill = System.nanoTime();
            for (int i = 0; i < records; i++) {
                RunRecord r = record(random, i, models.get(random.nextInt(models.size())));
                long t = System.nanoTime();
                store.add(r);
                add[i] = (System.nanoTime() - t) / 1e6;
            }
            double fillSeconds = (System.nanoTime() - fill) / 1e9;
            // the adds into a store that already holds most of the records: what a run pays at the end
            double[] late = Arrays.copyOfRange(add, records - Math.min(records, 1000), records);
            out.printf(Locale.ROOT, "%d records, %.1f MB on disk, filled in %.1f s%n", store.count(),
                    (Files.size(file) + size(dir.resolve("history.db-wal"))) / 1e6, fillSeconds);
            out.printf(Locale.ROOT, "add one record (last %d): median %.2f ms, p95 %.2f ms (target < 5 ms)%n", late.length,
                    percentile(late, 50), percentile(late, 95));
            int page = HistoryViewModel.PAGE;
            time(out, "open the pane (first " + page + " rows, models, count)", () -> {
                store.search(HistoryQuery.all(page));
                store.models();
                return store.count();
            });
            time(out, "search a common answer word ('harbour')", () -> store.search(HistoryQuery.text("harbour", page)).size());
            time(out, "search a rare answer word ('" + RARE + "')", () -> store.search(HistoryQuery.text(RARE, page)).size());
            time(out, "search a media name ('clip-0007')", () -> store.search(HistoryQuery.text("clip-0007", page)).size());
            time(out, "filter by media name ('clip-0007')",
                    () -> store.search(new HistoryQuery(null, null, "clip-0007", null, page)).size());
            time(out, "filter by model", () -> store.search(new HistoryQuery(null, models.get(2), null, null, page)).size());
            time(out, "model filter + answer word", () -> store.search(new HistoryQuery("harbour", models.get(2), null, null, page)).size());
        } finally {
            for (String f : new String[] {"history.db", "history.db-wal", "history.db-shm"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void time(PrintWriter out, String what, Supplier<Integer> query) {
        int found = query.get(); // warm-up: the pages in the cache, as in a pane open a moment ago
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            query.get();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        out.printf(Locale.ROOT, "%-52s median %6.2f ms, max %6.2f ms (%d rows; target < 100 ms)%n", what + ":", percentile(ms, 50),
                Arrays.stream(ms).max().orElse(0), found);
    }

    /** A window run as the window records it, with text drawn from a small vocabulary. */
    static RunRecord record(Random random, int i, String model) {
        String clip = String.format(Locale.ROOT, "clip-%04d.mp4", random.nextInt(200));
        List<RunRecord.Frame> frames = new ArrayList<>();
        for (int f = 0; f < 32; f++) {
            frames.add(new RunRecord.Frame(f * 56L, f * 56 / 29.97));
        }
        List<RunRecord.Media> media = new ArrayList<>();
        media.add(new RunRecord.Media("video", "/home/user/videos/" + clip, 48_000_000L + random.nextInt(1_000_000),
                Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), frames, ""));
        if (random.nextInt(4) == 0) {
            media.add(new RunRecord.Media("image", "/home/user/pictures/photo-" + random.nextInt(500) + ".jpg", 3_000_000,
                    Long.toHexString(random.nextLong()), List.of(), random.nextBoolean() ? "TOTAL 12.50 EUR" : ""));
        }
        StringBuilder answer = new StringBuilder();
        int words = 60 + random.nextInt(190);
        for (int w = 0; w < words; w++) {
            answer.append(w == 0 ? "" : " ").append(random.nextInt(100) == 0 && w == 7 ? RARE : WORDS[random.nextInt(WORDS.length)]);
        }
        answer.append('.');
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("do_sample", false);
        sampling.put("temperature", 0.7);
        sampling.put("top_k", 0);
        sampling.put("top_p", 1.0);
        sampling.put("min_p", 0.0);
        sampling.put("repetition_penalty", 1.0);
        sampling.put("seed", null);
        sampling.put("max_new_tokens", 256);
        Map<String, Object> processor = new LinkedHashMap<>();
        processor.put("max_grids", 9);
        processor.put("frames " + clip, "SamplingRequest[selection=Count[frames=32], startSeconds=0.0, endSeconds=null, dedupeThreshold=0.0]");
        List<RunRecord.LedgerPart> ledger = List.of(new RunRecord.LedgerPart("system prompt", 24),
                new RunRecord.LedgerPart("video " + clip, 32 * 81), new RunRecord.LedgerPart("question", 12),
                new RunRecord.LedgerPart("answer reserve", 256));
        List<RunRecord.Stage> stages = List.of(new RunRecord.Stage("load", 0, 0), new RunRecord.Stage("decode", 0, 180),
                new RunRecord.Stage("preprocess", 180, 40), new RunRecord.Stage("vision encode", 220, 900),
                new RunRecord.Stage("prefill", 1120, 600), new RunRecord.Stage("generation", 1720, 4000));
        int generated = words * 4 / 3;
        return new RunRecord("window", null, 1_765_000_000_000L + i * 60_000L, new RunRecord.Model(model, "hcx-seed-vision-3b",
                Long.toHexString(model.hashCode())), media, "You are a helpful assistant.", List.of(),
                QUESTIONS[random.nextInt(QUESTIONS.length)], sampling, processor, List.of("81 queries per grid"), ledger, stages,
                answer.toString(), new RunRecord.Outcome(random.nextInt(10) == 0 ? "length" : "stop", 2628, 2592, generated, 1720.0,
                        generated / 4.0, 5720, null));
    }

    private static long size(Path f) throws java.io.IOException {
        return Files.exists(f) ? Files.size(f) : 0;
    }

    static double percentile(double[] values, int p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int at = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, at))];
    }
}
