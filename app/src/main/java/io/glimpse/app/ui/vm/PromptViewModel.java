package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.Settings;
import io.glimpse.inference.sampling.SamplingParams;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The prompt and system prompt editors, their saved presets, and the sampling settings. UI thread only. */
public final class PromptViewModel {
    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty system = new SimpleStringProperty("");
    private final ObservableList<Settings.Preset> presets = FXCollections.observableArrayList();
    private final BooleanProperty greedy = new SimpleBooleanProperty(true);
    private final DoubleProperty temperature = new SimpleDoubleProperty(0.7);
    private final IntegerProperty topK = new SimpleIntegerProperty(0);
    private final DoubleProperty topP = new SimpleDoubleProperty(1.0);
    private final DoubleProperty minP = new SimpleDoubleProperty(0.0);
    private final DoubleProperty repetitionPenalty = new SimpleDoubleProperty(1.0);
    private final StringProperty seed = new SimpleStringProperty("");
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(256);
    private final MessagesViewModel messages;

    public PromptViewModel(MessagesViewModel messages) {
        this.messages = messages;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty systemProperty() {
        return system;
    }

    public ObservableList<Settings.Preset> presets() {
        return presets;
    }

    public BooleanProperty greedyProperty() {
        return greedy;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty topKProperty() {
        return topK;
    }

    public DoubleProperty topPProperty() {
        return topP;
    }

    public DoubleProperty minPProperty() {
        return minP;
    }

    public DoubleProperty repetitionPenaltyProperty() {
        return repetitionPenalty;
    }

    /** The seed as typed: blank for a fresh random seed per run. */
    public StringProperty seedProperty() {
        return seed;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    /** Saves the current prompts under {@code name}, replacing a preset of that name. */
    public void savePreset(String name) {
        if (name == null || name.isBlank()) {
            messages.error("a preset needs a name");
            return;
        }
        String n = name.trim();
        presets.removeIf(p -> p.name.equals(n));
        presets.add(new Settings.Preset(n, system.get(), prompt.get()));
    }

    /** Puts a preset's prompts into the editors. */
    public void apply(Settings.Preset preset) {
        if (preset != null) {
            system.set(preset.system);
            prompt.set(preset.prompt);
        }
    }

    /**
     * The sampling settings.
     *
     * @throws IllegalArgumentException with the command line's words for a bad value
     */
    public SamplingParams sampling() {
        // Hugging Face applies the repetition penalty before the argmax too, so greedy keeps it
        SamplingParams greedyParams = SamplingParams.greedy().withRepetitionPenalty(repetitionPenalty.get());
        if (greedy.get()) {
            return greedyParams;
        }
        return SamplingParams.defaults().withTemperature(temperature.get()).withTopK(topK.get()).withTopP(topP.get())
                .withMinP(minP.get()).withRepetitionPenalty(repetitionPenalty.get()).withSeed(parseSeed());
    }

    private Long parseSeed() {
        String s = seed.get() == null ? "" : seed.get().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed: '" + s + "' is not a whole number (leave it empty for a random seed)");
        }
    }

    void load(Settings s) {
        prompt.set(s.prompt == null ? "" : s.prompt);
        system.set(s.system == null ? "" : s.system);
        presets.setAll(s.presets);
        greedy.set(s.greedy);
        temperature.set(s.temperature);
        topK.set(s.topK);
        topP.set(s.topP);
        minP.set(s.minP);
        repetitionPenalty.set(s.repetitionPenalty > 0 ? s.repetitionPenalty : 1.0);
        seed.set(s.seed == null ? "" : s.seed);
        maxTokens.set(Math.max(1, s.maxTokens));
    }

    /**
     * The sampling settings in one line, for the folded sampling panel: "Sampling: greedy, max 256
     * tokens" or "Sampling: temperature 0.7, top-k 40, top-p 0.9, seed 7, max 256 tokens" (only the
     * filters that do something are named).
     */
    public javafx.beans.binding.StringBinding samplingSummary() {
        return javafx.beans.binding.Bindings.createStringBinding(() -> {
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (greedy.get()) {
                parts.add("greedy");
            } else {
                parts.add("temperature " + number(temperature.get()));
                if (topK.get() > 0) {
                    parts.add("top-k " + topK.get());
                }
                if (topP.get() < 1.0) {
                    parts.add("top-p " + number(topP.get()));
                }
                if (minP.get() > 0) {
                    parts.add("min-p " + number(minP.get()));
                }
                if (seed.get() != null && !seed.get().isBlank()) {
                    parts.add("seed " + seed.get().trim());
                }
            }
            if (repetitionPenalty.get() != 1.0) {
                parts.add("repetition penalty " + number(repetitionPenalty.get()));
            }
            parts.add("max " + maxTokens.get() + " tokens");
            return "Sampling: " + String.join(", ", parts);
        }, greedy, temperature, topK, topP, minP, seed, repetitionPenalty, maxTokens);
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Everything {@link #store} saves, to listen to for saving on change. */
    javafx.beans.Observable[] all() {
        return new javafx.beans.Observable[] {prompt, system, presets, greedy, temperature, topK, topP, minP, repetitionPenalty, seed, maxTokens};
    }

    void store(Settings s) {
        s.prompt = prompt.get();
        s.system = system.get();
        s.presets = new java.util.ArrayList<>(presets);
        s.greedy = greedy.get();
        s.temperature = temperature.get();
        s.topK = topK.get();
        s.topP = topP.get();
        s.minP = minP.get();
        s.repetitionPenalty = repetitionPenalty.get();
        s.seed = seed.get();
        s.maxTokens = maxTokens.get();
    }
}
