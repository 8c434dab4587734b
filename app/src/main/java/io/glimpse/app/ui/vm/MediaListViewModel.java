package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.MediaLoader;
import io.glimpse.app.ui.service.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The media list: files dropped, pasted or opened, probed in the background, with the selected
 * item. The list keeps the order the files were given in, however long each takes to probe, and
 * the user may reorder it. Bad files are reported in the message area and left out; the rest of
 * the list is kept. UI thread only.
 */
public final class MediaListViewModel {
    private final TaskRunner runner;
    private final MessagesViewModel messages;
    private final ObservableList<MediaItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<MediaItem> selected = new SimpleObjectProperty<>();
    private final ObservableMap<Path, String> ocr = FXCollections.observableHashMap();
    /** Every file given and not removed, probed or still probing, in list order: where a probed one goes. */
    private final List<Path> order = new ArrayList<>();
    private final StringProperty orderNote = new SimpleStringProperty();
    private final StringProperty ocrStatus = new SimpleStringProperty("");
    private TaskRunner.Job ocrJob;
    private MediaItem ocrReading;
    private final java.util.ArrayDeque<MediaItem> ocrQueue = new java.util.ArrayDeque<>();
    private final javafx.beans.property.BooleanProperty autoOcr = new javafx.beans.property.SimpleBooleanProperty();
    private final ObservableMap<Path, io.glimpse.inference.ocr.OcrResult> ocrResults = FXCollections.observableHashMap();
    private OcrSource ocrSource = io.glimpse.app.ui.service.OcrReader::read;

    /** Why the prompt's order differs from the list's, when it does. */
    public static final String IMAGES_FIRST = "The HCX prompt layout sends every image before the videos "
            + "(Glimpse's pipeline and ledger lay the prompt out so); images and videos each keep this list's order.";

    public MediaListViewModel(TaskRunner runner, MessagesViewModel messages) {
        this.runner = runner;
        this.messages = messages;
        items.addListener((ListChangeListener<MediaItem>) c -> orderNote.set(videoBeforeImage() ? IMAGES_FIRST : null));
        // "OCR for all": each image added is read in the background, one at a time, in list order
        items.addListener((ListChangeListener<MediaItem>) c -> {
            while (c.next()) {
                if (c.wasAdded() && autoOcr.get()) {
                    c.getAddedSubList().forEach(this::enqueueOcr);
                }
            }
        });
        autoOcr.addListener((o, was, on) -> {
            if (on) {
                List.copyOf(items).forEach(this::enqueueOcr);
            } else {
                ocrQueue.clear();
            }
        });
    }

    public ObservableList<MediaItem> items() {
        return items;
    }

    public ObjectProperty<MediaItem> selectedProperty() {
        return selected;
    }

    public MediaItem selected() {
        return selected.get();
    }

    /** Probes each file in the background and appends it; errors name the file and the problem. */
    public void add(List<Path> files) {
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (Files.isDirectory(file)) {
                messages.error(file + ": is a folder; drop image or video files");
                continue;
            }
            if (order.contains(file)) {
                messages.warn(file.getFileName() + " is already in the list");
                continue;
            }
            order.add(file);
            runner.submit(cancel -> MediaLoader.load(file, cancel), item -> {
                if (order.contains(item.file()) && items.stream().noneMatch(i -> i.file().equals(item.file()))) {
                    items.add(slot(item.file()), item);
                    if (selected.get() == null) {
                        selected.set(item);
                    }
                }
            }, e -> {
                order.remove(file);
                messages.error(MessagesViewModel.describe(e));
            });
        }
    }

    /** Where a probed file goes: after every listed file given before it. */
    private int slot(Path file) {
        int mine = order.indexOf(file);
        int at = 0;
        while (at < items.size() && order.indexOf(items.get(at).file()) < mine) {
            at++;
        }
        return at;
    }

    /**
     * Moves {@code item} {@code by} places (negative: up), within the list's ends; returns whether it
     * moved. The selection stays on it.
     */
    public boolean move(MediaItem item, int by) {
        int from = items.indexOf(item);
        int to = Math.max(0, Math.min(items.size() - 1, from + by));
        if (from < 0 || to == from) {
            return false;
        }
        List<MediaItem> next = new ArrayList<>(items);
        next.remove(from);
        next.add(to, item);
        items.setAll(next); // one change: the ledger recomputes once
        // files still probing keep their place after the one listed before them
        List<Path> reordered = new ArrayList<>();
        for (Path p : order) {
            if (items.stream().noneMatch(i -> i.file().equals(p))) {
                reordered.add(p);
            }
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            reordered.add(0, items.get(i).file());
        }
        order.clear();
        order.addAll(reordered);
        selected.set(item);
        return true;
    }

    /** The note that the prompt puts images first, or null when the list already has them first. */
    public StringProperty orderNoteProperty() {
        return orderNote;
    }

    private boolean videoBeforeImage() {
        boolean video = false;
        for (MediaItem i : items) {
            if (i.isVideo()) {
                video = true;
            } else if (video) {
                return true;
            }
        }
        return false;
    }

    public void remove(MediaItem item) {
        order.remove(item.file());
        int at = items.indexOf(item);
        items.remove(item);
        ocr.remove(item.file());
        ocrResults.remove(item.file());
        ocrQueue.remove(item);
        if (item.equals(selected.get())) {
            selected.set(items.isEmpty() ? null : items.get(Math.min(at, items.size() - 1)));
        }
    }

    /** OCR text typed for each image (sent with it and counted in the ledger). */
    public ObservableMap<Path, String> ocrTexts() {
        return ocr;
    }

    /** The OCR text of {@code item}, "" when none. */
    public String ocr(MediaItem item) {
        return ocr.getOrDefault(item.file(), "");
    }

    /** Sets an image's OCR text; blank removes it. */
    public void setOcr(MediaItem item, String text) {
        if (item == null || item.isVideo()) {
            return;
        }
        if (text == null || text.isBlank()) {
            ocr.remove(item.file());
        } else {
            ocr.put(item.file(), text);
        }
    }

    /** What the last OCR read did ("" before any): reading, how many lines, or nothing found. */
    public StringProperty ocrStatusProperty() {
        return ocrStatus;
    }

    /** Reads an image's text (the built-in OCR; tests pass a fake). Called on a worker thread. */
    @FunctionalInterface
    public interface OcrSource {
        io.glimpse.inference.ocr.OcrResult read(Path file, io.glimpse.media.CancelToken cancel) throws Exception;
    }

    /** Replaces the OCR (tests). */
    public void ocrSource(OcrSource source) {
        this.ocrSource = source;
    }

    /** Whether every image added is read with the OCR in the background (the "for all" toggle); turning it on reads the rest. */
    public javafx.beans.property.BooleanProperty autoOcrProperty() {
        return autoOcr;
    }

    /** The last OCR result of each image (its line boxes are drawn over "what the model sees"). */
    public ObservableMap<Path, io.glimpse.inference.ocr.OcrResult> ocrResults() {
        return ocrResults;
    }

    /**
     * Reads {@code item}'s text with the built-in OCR in the background and puts it in its OCR text, where
     * the user may edit it before sending. A read still running for another image is cancelled (and read
     * again later when it was queued); an item removed meanwhile is left alone.
     */
    public void readOcr(MediaItem item) {
        if (item == null || item.isVideo()) {
            return;
        }
        if (ocrJob != null && !ocrJob.isDone()) {
            ocrJob.cancel();
            if (ocrReading != null && !ocrReading.equals(item) && autoOcr.get()) {
                ocrQueue.addFirst(ocrReading);
            }
        }
        ocrQueue.remove(item);
        read(item);
    }

    private void enqueueOcr(MediaItem item) {
        if (item.isVideo() || ocr.containsKey(item.file()) || ocrQueue.contains(item) || item.equals(ocrReading)) {
            return;
        }
        ocrQueue.addLast(item);
        if (ocrJob == null || ocrJob.isDone()) {
            nextOcr();
        }
    }

    private void nextOcr() {
        MediaItem next;
        while ((next = ocrQueue.pollFirst()) != null) {
            if (items.contains(next) && !ocr.containsKey(next.file())) {
                read(next);
                return;
            }
        }
    }

    private void read(MediaItem item) {
        ocrReading = item;
        ocrStatus.set("Reading the text in " + item.name() + "...");
        OcrSource source = ocrSource;
        ocrJob = runner.submit(cancel -> source.read(item.file(), cancel), r -> {
            ocrReading = null;
            if (items.contains(item)) {
                ocrResults.put(item.file(), r);
                setOcr(item, r.text());
                ocrStatus.set(r.lines().isEmpty() ? "No text found in " + item.name()
                        : String.format(java.util.Locale.ROOT, "%d line%s read in %s (%.0f ms)", r.lines().size(), r.lines().size() == 1 ? "" : "s",
                        item.name(), r.timings().totalMs()));
            }
            nextOcr();
        }, e -> {
            ocrReading = null;
            ocrStatus.set("");
            if (!(e instanceof io.glimpse.media.CancelledException)) {
                messages.error(item.name() + ": OCR failed: " + MessagesViewModel.describe(e));
            }
            nextOcr();
        });
    }

    public List<MediaItem> images() {
        return items.stream().filter(i -> !i.isVideo()).toList();
    }

    public List<MediaItem> videos() {
        return items.stream().filter(MediaItem::isVideo).toList();
    }
}
