package io.glimpse.inference.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.glimpse.inference.Model;
import io.glimpse.inference.model.RuntimeOptions;
import io.glimpse.media.CancelToken;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * int8 and int4 imports of the trained stories260K: they load, run, and their top-1 choice along
 * llama2.c's golden sequence (teacher-forced: each step is fed the golden token, so one miss does
 * not derail the rest) mostly agrees with the float32 import, whose choice is the golden id itself.
 * The model is tiny (64 wide: two 32-value blocks per row), so int4 hurts it more than a real model.
 */
class QuantizedStoriesTest {
    @TempDir
    Path tmp;

    /** Positions (of 60) where the imported model's argmax equals the golden next id. */
    private int agreement(ImportOptions options, String name) throws Exception {
        Path out = tmp.resolve(name);
        new Importer().run(HfFixtures.folder("stories260K-llama"), out, options, ImportListener.NONE, CancelToken.NONE);
        try (Model model = Model.open(out, RuntimeOptions.cpu())) {
            var decoder = model.decoder();
            decoder.reset();
            int agree = decoder.forwardArgmax(HfFixtures.STORIES_PROMPT) == HfFixtures.STORIES_GOLDEN[0] ? 1 : 0;
            for (int i = 0; i + 1 < HfFixtures.STORIES_GOLDEN.length; i++) {
                if (decoder.forwardArgmax(new int[] {HfFixtures.STORIES_GOLDEN[i]}) == HfFixtures.STORIES_GOLDEN[i + 1]) {
                    agree++;
                }
            }
            System.out.printf(Locale.ROOT, "stories260K %s: top-1 agrees with fp32 at %d of 60 golden positions%n", name, agree);
            return agree;
        }
    }

    @Test
    void quantizedImportsAgreeWithFloat32AlongTheGoldenSequence() throws Exception {
        ImportOptions base = ImportOptions.defaults().withOps(Ops.FUSED);
        assertThat(agreement(base.withPrecision(Precision.FP32), "fp32")).isEqualTo(60);
        int int8 = agreement(base.withPrecision(Precision.INT8), "int8");
        int int4 = agreement(base.withPrecision(Precision.INT4), "int4");
        int int4Head = agreement(base.withPrecision(Precision.INT4).withLmHeadFp32(true), "int4-lmhead-fp32");
        int int4Standard = agreement(base.withPrecision(Precision.INT4).withOps(Ops.STANDARD), "int4-standard");
        assertThat(int8).isGreaterThanOrEqualTo(58); // measured 60 (ORT 1.29, accuracy level 4)
        assertThat(int4).isGreaterThanOrEqualTo(48); // measured 52
        assertThat(int4Head).isGreaterThanOrEqualTo(int4 - 3);
        assertThat(int4Standard).isGreaterThanOrEqualTo(48); // measured 52
    }
}
