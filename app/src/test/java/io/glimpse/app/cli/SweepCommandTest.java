package io.glimpse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.glimpse.app.cli.CommandLineTest.Run;
import io.glimpse.app.history.HistoryQuery;
import io.glimpse.app.history.HistoryStore;
import io.glimpse.app.history.RunRecord;
import io.glimpse.app.history.RunSummary;
import io.glimpse.inference.testmodel.TestModelWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glimpse sweep} and {@code glimpse compare} on the random-weight model: each budget point
 * sends exactly what {@code glimpse plan --budget} chooses, every run is recorded under one group,
 * and the CSV has a row per point.
 */
class SweepCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path image;
    static Path video;

    @BeforeAll
    static void setUp() throws Exception {
        model = dir.resolve("model");
        TestModelWriter.write(model, TestModelWriter.Family.HCX_VISION, 5);
        image = dir.resolve("wide.png");
        ImageIO.write(new BufferedImage(900, 400, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        video = dir.resolve("clip.mp4");
        Run v = CommandLineTest.glimpse("sample-video", video.toString(), "--seconds", "2", "--size", "160x120");
        assertThat(v.code()).as(v.err()).isZero();
    }

    /** The full request's visual tokens, and budgets spread between its minimum and it. */
    static List<Integer> budgets() throws Exception {
        Run least = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", model.toString(), "--image", image.toString(), "--video",
                video.toString(), "--count", "1", "--max-grids", "1", "--json");
        Run most = CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", model.toString(), "--image", image.toString(), "--video",
                video.toString(), "--count", "8", "--json");
        int lo = Json.MAPPER.readTree(least.out()).get("visualTokens").asInt();
        int hi = Json.MAPPER.readTree(most.out()).get("visualTokens").asInt();
        assertThat(hi).as("the test media must leave room for a sweep").isGreaterThan(lo + 3);
        return List.of(lo, lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3, hi);
    }

    @Test
    void eachBudgetPointSendsWhatPlanBudgetChoosesAndIsRecordedInOneGroup() throws Exception {
        List<Integer> budgets = budgets();
        Path csv = dir.resolve("sweep.csv");
        String list = String.join(",", budgets.stream().map(String::valueOf).toList());
        Run sweep = CommandLineTest.glimpse("sweep", "--model", model.toString(), "--image", image.toString(), "--video",
                video.toString(), "--count", "8", "--budgets", list, "--max-tokens", "3", "--greedy", "--json", "--csv",
                csv.toString(), "What is shown?");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(sweep.out());
        JsonNode runs = result.get("runs");
        assertThat(runs).hasSize(budgets.size());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            int b = budgets.get(i);
            JsonNode plan = Json.MAPPER.readTree(CommandLineTest.glimpse("plan", "--profile", "hcx-seed-vision-3b", "--model", model.toString(), "--image",
                    image.toString(), "--video", video.toString(), "--count", "8", "--budget", String.valueOf(b), "--json").out());
            JsonNode run = runs.get(i);
            assertThat(run.get("budget").asInt()).isEqualTo(b);
            assertThat(run.get("visualTokens").asInt()).as("budget " + b).isEqualTo(plan.get("visualTokens").asInt())
                    .isEqualTo(plan.get("budget").get("chosen").get("tokens").asInt()).isLessThanOrEqualTo(b);
            assertThat(run.get("framesPerVideo")).isEqualTo(plan.get("budget").get("chosen").get("framesPerVideo"));
            assertThat(run.get("maxGrids").asInt()).isEqualTo(plan.get("budget").get("chosen").get("maxGrids").asInt());
            assertThat(run.get("finishReason").asText()).isEqualTo("length");
            ids.add(run.get("runId").asLong());
        }
        assertThat(runs.get(0).get("visualTokens").asInt()).isLessThan(runs.get(budgets.size() - 1).get("visualTokens").asInt());

        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            RunRecord first = h.get(ids.get(0)).orElseThrow();
            assertThat(first.groupId()).startsWith("sweep ").isEqualTo(result.get("group").asText());
            assertThat(first.processor()).containsEntry("budget", budgets.get(0));
            List<RunSummary> group = h.search(new HistoryQuery(null, null, null, first.groupId(), 100));
            assertThat(group).extracting(RunSummary::id).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(h.get(ids.get(2)).orElseThrow().media().get(1).frames())
                    .hasSize(runs.get(2).get("framesPerVideo").get(0).asInt());
        }

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + budgets.size());
        assertThat(lines.get(0)).startsWith("label,budget,frames,grids,visual_tokens,prompt_tokens");
        assertThat(lines.get(1)).startsWith("budget " + budgets.get(0) + "," + budgets.get(0) + ","
                + runs.get(0).get("framesPerVideo").get(0).asInt() + "," + runs.get(0).get("maxGrids").asInt() + ","
                + runs.get(0).get("visualTokens").asInt() + ",");
    }

    @Test
    void theTableHasARowPerBudget() throws Exception {
        List<Integer> budgets = budgets();
        Run sweep = CommandLineTest.glimpse("sweep", "--model", model.toString(), "--video", video.toString(), "--image",
                image.toString(), "--count", "8", "--budgets", budgets.get(0) + "," + budgets.get(3), "--max-tokens", "2",
                "--no-record", "What is shown?");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        List<String> lines = sweep.out().lines().toList();
        assertThat(lines.get(0)).contains("budget", "frames", "grids", "visual", "prompt", "ttft ms", "total ms", "tokens/s", "finish");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).strip()).startsWith(budgets.get(0) + " ").endsWith("length");
        assertThat(sweep.err()).doesNotContain("recorded as");
    }

    @Test
    void aBudgetBelowOneFrameAndOneGridIsAUsageError() {
        Run sweep = CommandLineTest.glimpse("sweep", "--model", model.toString(), "--video", video.toString(), "--budgets", "1",
                "q");
        assertThat(sweep.code()).isEqualTo(2);
        assertThat(sweep.err()).contains("too small");
    }

    @Test
    void compareRunsVariantsSideBySideAndMarksWhatDiffers() throws Exception {
        Run compare = CommandLineTest.glimpse("compare", "--model", model.toString(), "--video", video.toString(),
                "--variant", "count=2", "--variant", "count=4; name=four", "--max-tokens", "2", "--greedy", "What happens?");
        assertThat(compare.code()).as(compare.err()).isZero();
        List<String> lines = compare.out().lines().toList();
        assertThat(lines.get(0)).contains("count=2", "four");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\*\\s+frames\\s+2\\s+4"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\s+finish\\s+length\\s+length"));
        assertThat(compare.err()).containsPattern("recorded as runs \\d+, \\d+ in the group 'compare ");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("recorded as runs (\\d+)").matcher(compare.err());
        assertThat(m.find()).isTrue();
        long id = Long.parseLong(m.group(1));
        try (HistoryStore h = HistoryStore.open(HistoryStore.configuredFile())) {
            RunRecord r = h.get(id).orElseThrow();
            assertThat(r.groupId()).startsWith("compare ");
            assertThat(r.processor()).containsEntry("variant", "count=2");
            assertThat(r.media().get(0).frames()).hasSize(2);
        }
    }

    @Test
    void compareRefusesAnUnknownKeyAndASingleVariant() {
        Run unknown = CommandLineTest.glimpse("compare", "--model", model.toString(), "--variant", "colour=red", "--variant",
                "count=2", "q");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown key 'colour'");
        Run one = CommandLineTest.glimpse("compare", "--model", model.toString(), "--variant", "count=2", "q");
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("2 to 4");
    }
}
