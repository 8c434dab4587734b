package io.glimpse.inference.generate;

/** Why generation ended. */
public enum FinishReason {
    /** An end-of-sequence id or a stop string was produced. */
    STOP,
    /** The requested number of new tokens was reached. */
    LENGTH,
    /** A cancel request ended the loop (within one step). */
    CANCELLED,
    /** The model runtime failed; the result holds the text produced before the failure. */
    ERROR
}
