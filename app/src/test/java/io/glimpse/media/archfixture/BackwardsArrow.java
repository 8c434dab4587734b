package io.glimpse.media.archfixture;

/**
 * Deliberately wrong: a "media" class that uses the app layer. Only {@code ArchitectureTest}
 * imports it, to prove the layering rule reports such an arrow.
 */
public final class BackwardsArrow {
    public static RuntimeException usageError() {
        return new io.glimpse.app.cli.Main.UsageException("wrong way round");
    }
}
