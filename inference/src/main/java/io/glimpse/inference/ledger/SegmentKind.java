package io.glimpse.inference.ledger;

/** What part of a request a ledger segment counts. */
public enum SegmentKind {
    TOOL_LIST, SYSTEM, HISTORY, TEXT, IMAGE, AUX, VIDEO, GENERATION_PROMPT, OUTPUT_RESERVE
}
