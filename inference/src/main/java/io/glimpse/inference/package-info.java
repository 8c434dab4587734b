/**
 * Tokenizers, chat templates, processors, the token ledger, ONNX sessions and the generation loop.
 * Depends on {@code media} only; never on JavaFX, {@code plugins} or {@code app}. Filled in by the
 * inference issues; empty until then.
 */
package io.glimpse.inference;
