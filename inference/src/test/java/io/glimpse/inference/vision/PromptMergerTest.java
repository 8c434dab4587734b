package io.glimpse.inference.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptMergerTest {
    @Test
    void placeholderRowsAreOverwrittenInOrderImagesAndVideosSeparately() {
        int[] ids = {5, 9, 9, 6, 8, 9, 8, 7};
        float[] rows = {50, 90, 90, 60, 80, 90, 80, 70}; // d = 1: token t's row is 10·t
        float[] merged = PromptMerger.merge(ids, rows, 1, 9, new float[] {-1, -2, -3}, 8, new float[] {-10, -20});
        assertThat(merged).containsExactly(50, -1, -2, 60, -10, -3, -20, 70);
    }

    @Test
    void aCountMismatchNamesBothNumbers() {
        assertThatThrownBy(() -> PromptMerger.merge(new int[] {9, 9, 1}, new float[6], 2, 9, new float[2], -1, new float[0]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the prompt has 2 image placeholder tokens but the image features are 1 rows");
        assertThatThrownBy(() -> PromptMerger.merge(new int[] {9, 8}, new float[2], 1, 9, new float[1], 8, new float[3]))
                .hasMessage("the prompt has 1 video placeholder tokens but the video features are 3 rows");
    }
}
