package io.glimpse.inference.testmodel;

/**
 * Geometry of the generated test models: a tiny HyperCLOVAX-SEED-Vision-like model whose ids and
 * image settings match the real one's layout (378-pixel grids, 81 / 9 queries) but whose LLM is
 * 64 wide. Constants only.
 */
final class TinyHcx {
    static final int HIDDEN = 64;
    static final int LAYERS = 2;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HEAD_SIZE = 16;
    static final int FFN = 128;
    static final int VOCAB = 264;
    static final int CONTEXT = 8192;
    static final int GRID = 378;
    static final int QUERIES_IMAGE = 81;
    static final int QUERIES_FAST = 9;

    static final int IMAGE_TOKEN_ID = 261;
    static final int VIDEO_TOKEN_ID = 262;
    static final String IMAGE_TOKEN = "<|dummy3|>";
    static final String VIDEO_TOKEN = "<|_unuse_missing_100270|>";
    /** The byte token the probe decoder always picks: 'a'. */
    static final int PROBE_TOKEN = 97;

    private TinyHcx() {}
}
