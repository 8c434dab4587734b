/**
 * Extension points (model family, frame sampler, ...) found with {@link java.util.ServiceLoader},
 * and the built-in families registered through them. Depends on {@code inference} and
 * {@code media}; never on {@code app}. Filled in by the model-family issues; empty until then.
 */
package io.glimpse.plugins;
