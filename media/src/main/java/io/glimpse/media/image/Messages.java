package io.glimpse.media.image;

/** Short, one-line problem texts for {@link io.glimpse.media.MediaException}. */
final class Messages {
    private static final int MAX = 200;

    private Messages() {
    }

    /** The exception's message (or its class name), with its cause's if that adds something; one line. */
    static String oneLine(Throwable e) {
        String text = describe(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            String inner = describe(cause);
            if (!text.contains(inner)) {
                text = text + " (" + inner + ")";
            }
        }
        return oneLine(text);
    }

    /** {@code text} with line breaks and runs of whitespace collapsed, cut to a readable length. */
    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX ? flat : flat.substring(0, MAX - 3) + "...";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof java.io.EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
        }
        return message;
    }

    /** "60000x60000 (3600.0 MP)". */
    static String size(long width, long height) {
        return width + "x" + height + " (" + megapixels(width * height) + " MP)";
    }

    static String megapixels(long pixels) {
        return String.format(java.util.Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }
}
