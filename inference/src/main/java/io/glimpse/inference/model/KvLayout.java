package io.glimpse.inference.model;

/** How a decoder takes its key/value cache. */
public enum KvLayout {
    /** One key and one value tensor per layer, each [batch, kv_heads, past, head_size]. */
    SEPARATE,
    /** One tensor per layer with key and value stacked first: [2, batch, kv_heads, past, head_size] (GPT-2 exports). */
    STACKED
}
