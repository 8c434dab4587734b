package io.glimpse.app.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which assumptions a request is told about, and that none cites a file outside the repository. */
class AssumptionNotesTest {
    /** What the HCX ledger lists for the generated test model (HcxSettingsLoader, hcx-vision-prompt.json). */
    static final List<String> HCX = List.of(
            "max canvases per video=max_image_cnt 12 (108 frames) assumed; the per-video cap is INFERRED (spec §6.4)",
            "video canvas geometry: one frame = one 378x378 grid (frame fitted and centred on the pad fill), "
                    + "up to 9 grids per canvas, is INFERRED; the real layout is UNCONFIRMED (spec §2.3, §6.2)",
            "video token count 81 + 9*(g-1) per canvas of g frames is INFERRED; the model card's 1856 tokens "
                    + "for 108 frames vs 1836 by formula is unexplained (spec §2.4, §6.4)",
            "frames beyond the per-video cap are dropped from the end; the real frame sampling rule is UNCONFIRMED (spec §2.2)",
            "image blocks follow llama.cpp's reconstruction: no space before the newline of 'user (mime)', a space in "
                    + "'위치입니다. bbox는', <|im_end|> after the aux block (hcx-spec.md §7.3: exact whitespace unconfirmed)",
            "video blocks mirror the image blocks with type video/mp4 and no aux block (hcx-spec.md §7.4: video block text unconfirmed)",
            "no BOS token before the prompt (hcx-spec.md §7.1, inferred)");

    @Test
    void anImageRequestHearsNothingAboutVideo() {
        assertThat(AssumptionNotes.forRequest(HCX, true, false)).containsExactly(
                "the lines that introduce each image in the prompt are written as llama.cpp writes them;"
                        + " the model's authors have not published their exact spacing",
                "no beginning-of-text token is put before the prompt (the model's files do not say)");
    }

    @Test
    void aVideoRequestHearsAboutCanvasesAndFramesInPlainWords() {
        List<String> notes = AssumptionNotes.forRequest(HCX, false, true);
        assertThat(notes).hasSize(6).contains(
                "at most 12 canvases (108 frames) are kept per video; the model's own limit is not published",
                "no beginning-of-text token is put before the prompt (the model's files do not say)")
                .noneMatch(n -> n.startsWith("the lines that introduce each image"));
        assertThat(notes).allSatisfy(n -> assertThat(n).doesNotContain("spec", "§", "INFERRED", "UNCONFIRMED"));
    }

    @Test
    void otherAssumptionsLoseTheirSpecificationReferencesButKeepTheirMeaning() {
        assertThat(AssumptionNotes.forRequest(List.of(
                "unpad=false assumed (class default; the shipped value is UNCONFIRMED, spec §2.1)",
                "preprocessor_config.json absent: image parameters fall back to spec §5.1",
                "image_token_id=100271 assumed (INFERRED, spec §7.2)",
                "context length 4096 assumed (decoder_max_length default; the model folder gives none)",
                "no BOS token before the prompt (the HCX prompt layout)"), true, false)).containsExactly(
                "unpad=false assumed (class default; the shipped value is not confirmed)",
                "preprocessor_config.json absent: image parameters fall back to Glimpse's built-in defaults",
                "image_token_id=100271 assumed (inferred)",
                "context length 4096 assumed (decoder_max_length default; the model folder gives none)",
                "no beginning-of-text token is put before the prompt (the model's files do not say)");
    }

    @Test
    void aTextOnlyRequestHearsNeitherImageNorVideoDefaults() {
        assertThat(AssumptionNotes.forRequest(HCX, false, false)).containsExactly(
                "no beginning-of-text token is put before the prompt (the model's files do not say)");
    }
}
