package io.glimpse.inference.generate;

/**
 * Receives each piece of generated text as soon as it is final (never a broken UTF-8 sequence,
 * never part of a stop string). Called on the generating thread, inside the token loop, which
 * waits for it: a UI listener must only hand the piece over to its own thread.
 */
@FunctionalInterface
public interface TextListener {
    TextListener NONE = piece -> { };

    void onText(String piece);
}
