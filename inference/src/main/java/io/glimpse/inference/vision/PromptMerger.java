package io.glimpse.inference.vision;

/**
 * Overwrites the placeholder positions of a prompt's token rows with visual feature rows, in order
 * (transformers.js {@code default_merge_input_ids_with_features}; hcx-spec.md §5.5: "embeddings
 * replace placeholder tokens one-to-one in order"). Stateless.
 */
final class PromptMerger {
    private PromptMerger() {
    }

    /**
     * @param ids       the prompt's ids
     * @param rows      their token embeddings, {@code ids.length × d}; overwritten in place and returned
     * @param imageId   the image placeholder id
     * @param imageRows every image's rows, in order
     * @param videoId   the video placeholder id, or -1
     * @param videoRows every video's rows, in order
     * @throws IllegalStateException when a placeholder count differs from its rows (both numbers in the message)
     */
    static float[] merge(int[] ids, float[] rows, int d, int imageId, float[] imageRows, int videoId, float[] videoRows) {
        check("image", count(ids, imageId), imageRows.length / d);
        check("video", videoId < 0 ? 0 : count(ids, videoId), videoRows.length / d);
        int image = 0;
        int video = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == imageId) {
                System.arraycopy(imageRows, image++ * d, rows, i * d, d);
            } else if (ids[i] == videoId) {
                System.arraycopy(videoRows, video++ * d, rows, i * d, d);
            }
        }
        return rows;
    }

    private static int count(int[] ids, int id) {
        int n = 0;
        for (int t : ids) {
            n += t == id ? 1 : 0;
        }
        return n;
    }

    private static void check(String what, int placeholders, int rows) {
        if (placeholders != rows) {
            throw new IllegalStateException("the prompt has " + placeholders + " " + what + " placeholder tokens but the "
                    + what + " features are " + rows + " rows");
        }
    }
}
