package io.glimpse.app.ui.vm;

import io.glimpse.app.ui.service.MediaItem;
import io.glimpse.app.ui.service.MediaLoader;
import io.glimpse.app.ui.service.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The media list: files dropped, pasted or opened, probed in the background, with the selected
 * item. Bad files are reported in the message area and left out; the rest of the list is kept.
 * UI thread only.
 */
public final class MediaListViewModel {
    private final TaskRunner runner;
    private final MessagesViewModel messages;
    private final ObservableList<MediaItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<MediaItem> selected = new SimpleObjectProperty<>();
    private final ObservableMap<Path, String> ocr = FXCollections.observableHashMap();

    public MediaListViewModel(TaskRunner runner, MessagesViewModel messages) {
        this.runner = runner;
        this.messages = messages;
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
            if (items.stream().anyMatch(i -> i.file().equals(file))) {
                messages.warn(file.getFileName() + " is already in the list");
                continue;
            }
            runner.submit(cancel -> MediaLoader.load(file, cancel), item -> {
                if (items.stream().noneMatch(i -> i.file().equals(item.file()))) {
                    items.add(item);
                    if (selected.get() == null) {
                        selected.set(item);
                    }
                }
            }, e -> messages.error(MessagesViewModel.describe(e)));
        }
    }

    public void remove(MediaItem item) {
        int at = items.indexOf(item);
        items.remove(item);
        ocr.remove(item.file());
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

    public List<MediaItem> images() {
        return items.stream().filter(i -> !i.isVideo()).toList();
    }

    public List<MediaItem> videos() {
        return items.stream().filter(MediaItem::isVideo).toList();
    }
}
