package io.glimpse.app.ui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the window remembers between runs, written as JSON by {@link SettingsStore}. A plain
 * mutable bean (Jackson writes its public fields); owned and touched by the UI thread only.
 * {@link SettingsStore#read()} checks every value, so one it returns has no null object or list and
 * every number within the range its control takes; unknown fields in the file are ignored, so older
 * and newer versions read each other's files.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public String theme = "light";
    public String modelFolder;
    public String prompt = "";
    public String system = "";
    public List<Preset> presets = new ArrayList<>();

    public boolean greedy = true;
    public double temperature = 0.7;
    public int topK = 0;
    public double topP = 1.0;
    public double minP = 0.0;
    public double repetitionPenalty = 1.0;
    /** Sampling seed as typed ("" or null: a fresh random seed per run). */
    public String seed = "";
    /**
     * max_new_tokens: the answer's length, which the generator obeys and the ledger reserves. Files
     * from before it was one setting also had {@code outputReserve}; {@link SettingsReader} migrates it.
     */
    public int maxTokens = 256;

    public boolean useFps;
    public int frameCount = io.glimpse.inference.vision.AskRequest.DEFAULT_FRAMES; // the command line's default too
    public double fps = 1.0;
    public int maxFrames = 64;
    public boolean dedupe;
    /** Read the text of every image added with the built-in OCR. */
    public boolean autoOcr;
    public Integer budget;

    public Window window = new Window();

    /** A named pair of prompts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Preset {
        public String name;
        public String system = "";
        public String prompt = "";

        public Preset() {
        }

        public Preset(String name, String system, String prompt) {
            this.name = name;
            this.system = system;
            this.prompt = prompt;
        }
    }

    /** Window position, size and split positions (negative x: let the system place it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Window {
        public double x = -1;
        public double y = -1;
        public double width = 1280;
        public double height = 860;
        public boolean maximized;
        public double[] dividers = {0.19, 0.6};
        /** The centre column's split: "what the model sees" above, frame controls and ledger below. */
        public double centreSplit = 0.45;
        /** The right column's split: prompt and sampling above, the answer below. */
        public double rightSplit = 0.42;
    }
}
