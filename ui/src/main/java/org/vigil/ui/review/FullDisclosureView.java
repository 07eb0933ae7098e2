package org.vigil.ui.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vigil.data.model.MeasurementCode;
import org.vigil.data.recording.RecordedSpan;
import org.vigil.ui.Styles;

/**
 * Full-disclosure waveforms of one bed like paper: ECG at 25 mm/s and 10 mm/mV (millimetres from the screen's DPI)
 * on a 1 mm / 5 mm grid, the other channels below, time marks every second, a 1 mV calibration pulse, each
 * channel's name and scale. Gaps in the recording are drawn as gaps. Scrolls with the arrow keys (1 s; Shift:
 * 0.2 s), Page Up/Down (a screen), Home/End, the scroll bar or by dragging; a bed and a time can be chosen. Strip
 * export to PDF (the chosen length from the left edge, or 10 s around the alarm that led here). JavaFX thread only.
 */
public final class FullDisclosureView extends VBox {
    /** Where the strip export writes: a file chooser in the console, a fixed file in tests. Returns null to cancel. */
    @FunctionalInterface
    public interface StripTarget {
        Path choose(Window owner, Path folder, String suggestedName);
    }

    static final double GUTTER_MM = 20;
    static final double TIME_STRIP_MM = 6;
    static final double ECG_ROW_MM = 30;
    static final double OTHER_ROW_MM = 20;
    private static final Color BG = Color.BLACK;
    private static final Color MINOR = Color.web("#3a1414");
    private static final Color MAJOR = Color.web("#6e2222");
    private static final Color TEXT = Color.web("#c8ccd2");
    private static final Color MUTED = Color.web("#8a9099");
    private static final Color GAP = Color.web("#1a1d22");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final FullDisclosureViewModel model;
    private final ReviewContext review;
    private final PaperScale paper;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final StripTarget target;
    private boolean syncingScroll;
    private double dragX = Double.NaN;
    private Instant dragPosition;
    /** What the last frame drew, per channel code: for tests of "gaps drawn as gaps". */
    private final java.util.Map<String, List<WaveformPlot.Polyline>> lastDrawn = new java.util.LinkedHashMap<>();

    public FullDisclosureView(FullDisclosureViewModel model, ReviewContext review, PaperScale paper,
                              StripTarget target) {
        this.model = model;
        this.review = review;
        this.paper = paper;
        this.target = target;
        getStyleClass().addAll(Styles.DIAGNOSTICS, Styles.REVIEW);
        setId("full-disclosure");

        ComboBox<String> bed = new ComboBox<>();
        bed.setId("disclosure-bed");
        bed.getItems().setAll(review.beds().get());
        bed.setCellFactory(l -> labelled(review.bedLabel()));
        bed.setButtonCell(labelled(review.bedLabel()));
        bed.setValue(model.bed().get());
        TextField time = new TextField(INPUT.format(model.position().get().atZone(review.zone())));
        time.setId("disclosure-goto");
        time.setPrefColumnCount(16);
        time.setTooltip(new Tooltip("yyyy-MM-dd HH:mm:ss, station time; Enter goes there"));
        Button go = new Button("Go");
        go.setId("disclosure-go");
        Runnable goTo = () -> {
            try {
                Instant at = LocalDateTime.parse(time.getText().trim(), INPUT).atZone(review.zone()).toInstant();
                model.show(bed.getValue(), at);
                canvas.requestFocus();
            } catch (DateTimeParseException e) {
                model.status().set("Not a time: \"" + time.getText().trim() + "\" (yyyy-MM-dd HH:mm:ss)");
            }
        };
        go.setOnAction(e -> goTo.run());
        time.setOnAction(e -> goTo.run());
        bed.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(model.bed().get())) {
                model.show(now, model.position().get());
            }
        });

        Label shown = new Label();
        shown.setId("disclosure-time");
        shown.getStyleClass().add(Styles.REVIEW_TIME);
        shown.textProperty().bind(model.timeText());
        Label alarm = new Label();
        alarm.setId("disclosure-alarm");
        alarm.getStyleClass().add(Styles.REVIEW_STATUS);
        alarm.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            AlarmMarker a = model.alarm().get();
            return a == null ? "" : a.label() + " at " + model.format(a.onset());
        }, model.alarm()));

        ComboBox<Duration> strip = new ComboBox<>();
        strip.setId("disclosure-strip-length");
        strip.getItems().setAll(Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofSeconds(60));
        strip.setValue(model.stripLength().get());
        strip.setCellFactory(l -> seconds());
        strip.setButtonCell(seconds());
        strip.valueProperty().addListener((o, was, now) -> model.stripLength().set(now));
        Button export = new Button("Export strip");
        export.setId("disclosure-export");
        export.setTooltip(new Tooltip("PDF of the chosen length from the left edge (Ctrl+E)"));
        export.disableProperty().bind(model.exporting());
        export.setOnAction(e -> export(false));
        Button exportAlarm = new Button("Export alarm strip");
        exportAlarm.setId("disclosure-export-alarm");
        exportAlarm.setTooltip(new Tooltip("PDF of 10 s around the alarm's onset"));
        exportAlarm.disableProperty().bind(model.exporting().or(model.alarm().isNull()));
        exportAlarm.setOnAction(e -> export(true));

        HBox bar = new HBox(8, new Label("Bed"), bed, new Label("Time"), time, go, shown, alarm);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 0, 4, 0));
        Label status = new Label();
        status.setId("disclosure-status");
        status.getStyleClass().add(Styles.REVIEW_STATUS);
        status.textProperty().bind(model.status());
        HBox bottom = new HBox(8, new Label("Strip"), strip, export, exportAlarm, status);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(4, 0, 0, 0));

        Pane holder = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                double w = Math.floor(getWidth());
                double h = Math.floor(getHeight());
                if (w != canvas.getWidth() || h != canvas.getHeight()) {
                    canvas.setWidth(w);
                    canvas.setHeight(h);
                    model.visibleLength().set(paper.duration(Math.max(0, w - paper.units(GUTTER_MM))));
                    model.ensureLoaded();
                    draw();
                }
            }
        };
        holder.setMinSize(0, 0);
        holder.getStyleClass().add(Styles.REVIEW_CANVAS);
        VBox.setVgrow(holder, Priority.ALWAYS);
        canvas.setFocusTraversable(true);

        scroll.setId("disclosure-scroll");
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setUnitIncrement(1);
        scroll.setBlockIncrement(10);
        scroll.valueProperty().addListener((o, was, now) -> {
            RecordedSpan s = model.span().get();
            if (!syncingScroll && s != null) {
                model.moveTo(s.first().plusMillis(Math.round(now.doubleValue() * 1000)));
            }
        });
        Label help = new Label("← →: 1 s (Shift: 0.2 s) · Page Up/Down: a screen · Home/End · drag · "
                + "25 mm/s, ECG 10 mm/mV · Esc: close");
        help.getStyleClass().add(Styles.STATUS_ITEM);
        getChildren().addAll(bar, holder, scroll, bottom, help);

        model.position().addListener((o, was, now) -> {
            syncScroll();
            draw();
        });
        model.revision().addListener((o, was, now) -> draw());
        model.span().addListener((o, was, now) -> syncScroll());
        model.bed().addListener((o, was, now) -> {
            bed.setValue(now);
            draw();
        });
        canvas.setOnMousePressed(e -> {
            canvas.requestFocus();
            dragX = e.getX();
            dragPosition = model.position().get();
        });
        canvas.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX)) {
                model.moveTo(dragPosition.plus(paper.duration(dragX - e.getX())));
            }
        });
        canvas.setOnMouseReleased(e -> dragX = Double.NaN);
        canvas.setOnScroll(e -> {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            model.moveTo(model.position().get().plus(paper.duration(-d)));
            e.consume();
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::key);
    }

    public FullDisclosureViewModel model() {
        return model;
    }

    private void key(KeyEvent e) {
        if (e.getTarget() instanceof TextField) {
            return; // typing a time
        }
        KeyCode k = e.getCode();
        double step = e.isShiftDown() ? 0.2 : 1;
        switch (k) {
            case LEFT -> model.scrollBy(Duration.ofMillis(Math.round(-step * 1000)));
            case RIGHT -> model.scrollBy(Duration.ofMillis(Math.round(step * 1000)));
            case PAGE_UP -> model.page(-1);
            case PAGE_DOWN -> model.page(1);
            case HOME -> model.toStart();
            case END -> model.toEnd();
            case ESCAPE -> {
                if (getScene() != null && getScene().getWindow() instanceof Stage s) {
                    s.close();
                }
            }
            case E -> {
                if (!e.isShortcutDown()) {
                    return;
                }
                export(false);
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void export(boolean aroundAlarm) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        Path file = target.choose(owner, review.documents(), model.suggestedFileName());
        if (file == null) {
            return;
        }
        if (aroundAlarm) {
            model.exportAlarm(file);
        } else {
            model.exportVisible(file);
        }
    }

    private void syncScroll() {
        RecordedSpan s = model.span().get();
        if (s == null) {
            scroll.setDisable(true);
            return;
        }
        syncingScroll = true;
        try {
            double max = Math.max(1, PaperScale.seconds(s.first(), s.last()));
            scroll.setDisable(false);
            scroll.setMin(0);
            scroll.setMax(max);
            scroll.setVisibleAmount(Math.min(max, model.visibleLength().get().toMillis() / 1000.0));
            scroll.setValue(Math.clamp(PaperScale.seconds(s.first(), model.position().get()), 0, max));
        } finally {
            syncingScroll = false;
        }
    }

    /** Redraws everything: grid, time marks, each channel's row with its name, scale and calibration pulse. */
    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(BG);
        g.fillRect(0, 0, w, h);
        lastDrawn.clear();
        if (w < 50 || h < 50) {
            return;
        }
        double left = paper.units(GUTTER_MM);
        double top = paper.units(TIME_STRIP_MM);
        Instant from = model.position().get();
        Instant to = model.visibleTo();
        grid(g, left, top, w, h, from);
        timeMarks(g, left, top, w, from, to);
        List<FullDisclosureViewModel.Channel> channels = model.channels(from, to);
        boolean loaded = model.loaded(from, to);
        if (channels.isEmpty()) {
            g.setFill(MUTED);
            g.setFont(Font.font(14));
            g.fillText(loaded ? "No waveform recorded here" : "Loading...", left + 20, top + 40);
            return;
        }
        double rowTop = top;
        for (FullDisclosureViewModel.Channel c : channels) {
            double rowH = paper.units(c.ecg() ? ECG_ROW_MM : OTHER_ROW_MM);
            if (rowTop + rowH / 2 > h) {
                break; // no room: the window is too low for every channel
            }
            row(g, c, from, to, left, rowTop, w - left, rowH, loaded);
            rowTop += rowH;
        }
    }

    private void grid(GraphicsContext g, double left, double top, double w, double h, Instant from) {
        double mm = paper.unitsPerMm();
        // vertical lines move with the paper: one every 40 ms (1 mm at 25 mm/s) of device time
        long firstMm = (long) Math.ceil(PaperScale.seconds(Instant.EPOCH, from) * PaperScale.MM_PER_SECOND);
        double x0 = left + (firstMm - PaperScale.seconds(Instant.EPOCH, from) * PaperScale.MM_PER_SECOND) * mm;
        g.setLineWidth(1);
        for (int pass = 0; pass < 2; pass++) {
            boolean major = pass == 1;
            g.setStroke(major ? MAJOR : MINOR);
            long n = firstMm;
            for (double x = x0; x < w; x += mm, n++) {
                if ((Math.floorMod(n, 5) == 0) == major) {
                    double px = Math.round(x) + 0.5;
                    g.strokeLine(px, top, px, h);
                }
            }
            int k = 0;
            for (double y = top; y < h; y += mm, k++) {
                if ((k % 5 == 0) == major) {
                    double py = Math.round(y) + 0.5;
                    g.strokeLine(left, py, w, py);
                }
            }
        }
    }

    private void timeMarks(GraphicsContext g, double left, double top, double w, Instant from, Instant to) {
        g.setFont(Font.font(11));
        g.setFill(TEXT);
        g.setStroke(TEXT);
        g.setLineWidth(1);
        Instant t = Instant.ofEpochSecond(from.getEpochSecond());
        if (t.isBefore(from)) {
            t = t.plusSeconds(1);
        }
        for (; !t.isAfter(to); t = t.plusSeconds(1)) {
            double x = Math.round(left + paper.x(t, from)) + 0.5;
            if (x > w) {
                break;
            }
            g.strokeLine(x, top - 5, x, top);
            g.fillText(CLOCK.format(t.atZone(review.zone())), x + 3, top - 6);
        }
    }

    private void row(GraphicsContext g, FullDisclosureViewModel.Channel c, Instant from, Instant to, double left,
                     double top, double width, double height, boolean loaded) {
        double rowMm = height / paper.unitsPerMm();
        ChannelScale scale = ChannelScale.of(c.code(), c.unit(), c.scale(), c.offset(), c.rate(), c.segments(), from,
                to, rowMm);
        double mid = top + height / 2;
        Color colour = colour(c.code());
        g.setFill(colour);
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 13));
        g.fillText(c.label(), 4, top + 16);
        g.setFont(Font.font(10));
        g.setFill(MUTED);
        g.fillText(scale.label(), 4, top + height - 6);
        if (c.ecg() && ChannelScale.mvPerUnit(c.unit()) > 0) {
            // rising from the trace's 0 mV line, kept inside the row
            double zero = mid - paper.units(scale.mm(0));
            calibration(g, Math.clamp(zero, top + paper.unitsPerMv() + 14, top + height - 14));
        }
        // gaps: a darker band labelled "no data"; the trace never crosses it
        for (WaveformPlot.Gap gap : model.gaps(c, from, to)) {
            double x1 = left + paper.x(gap.from(), from);
            double x2 = left + paper.x(gap.to(), from);
            g.setFill(GAP);
            g.fillRect(x1, top + 2, Math.max(1, x2 - x1), height - 4);
            if (x2 - x1 > 50) {
                g.setFill(MUTED);
                g.setFont(Font.font(11));
                g.fillText("no data", (x1 + x2) / 2 - 20, mid + 4);
            }
        }
        g.save();
        g.beginPath();
        g.rect(left, top, width, height);
        g.clip();
        g.setStroke(colour);
        g.setLineWidth(1.3);
        List<WaveformPlot.Polyline> lines = WaveformPlot.polylines(c.rate(), c.segments(), from, to,
                paper.unitsPerSecond(), left, 1.0,
                raw -> mid - paper.units(scale.mm(c.offset() + c.scale() * raw)));
        for (WaveformPlot.Polyline line : lines) {
            g.strokePolyline(line.x(), line.y(), line.size());
        }
        g.restore();
        lastDrawn.put(c.code(), lines);
        if (!loaded) {
            g.setFill(MUTED);
            g.setFont(Font.font(11));
            g.fillText("loading...", left + width - 70, top + 14);
        }
    }

    /** The 1 mV calibration pulse in the gutter: 10 mm high, 0.2 s (5 mm) wide, from {@code base}. */
    private void calibration(GraphicsContext g, double base) {
        double x = paper.units(9);
        g.setStroke(TEXT);
        g.setLineWidth(1.2);
        g.strokePolyline(new double[] {x, x + paper.units(2), x + paper.units(2), x + paper.units(7),
                x + paper.units(7), x + paper.units(9)}, new double[] {base, base, base - paper.unitsPerMv(),
                base - paper.unitsPerMv(), base, base}, 6);
        g.setFill(MUTED);
        g.setFont(Font.font(9));
        g.fillText("1 mV", x - paper.units(8), base - paper.unitsPerMv() / 2 + 3);
    }

    private static Color colour(String code) {
        if (MeasurementCode.isEcg(code)) {
            return Color.web("#33ff66");
        }
        if (MeasurementCode.PLETH.equals(code)) {
            return Color.web("#33e0ff");
        }
        if (MeasurementCode.RESP_WAVE.equals(code)) {
            return Color.web("#ffe033");
        }
        return Color.web("#ff5c5c");
    }

    /** The polylines of the last frame by channel code; for tests. */
    public java.util.Map<String, List<WaveformPlot.Polyline>> lastDrawn() {
        return java.util.Collections.unmodifiableMap(lastDrawn);
    }

    private static ListCell<String> labelled(Function<String, String> bedLabel) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : bedLabel.apply(item));
            }
        };
    }

    private static ListCell<Duration> seconds() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Duration item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toSeconds() + " s");
            }
        };
    }

    /** The strip export's file chooser, opening in {@code folder} with the suggested name. */
    public static StripTarget fileChooser() {
        return (owner, folder, name) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export strip to PDF");
            if (Files.isDirectory(folder)) {
                chooser.setInitialDirectory(folder.toFile());
            }
            chooser.setInitialFileName(name);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
            java.io.File f = chooser.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        };
    }

    /** The primary screen's paper scale (its DPI; 96 when the platform reports none). */
    public static PaperScale screenScale() {
        double dpi = Screen.getPrimary().getDpi();
        return PaperScale.ofDpi(dpi > 0 ? dpi : 96);
    }

    /** The jump from an alarm: its bed's waveforms with the left edge 10 s before the alarm's onset. */
    public static Stage openAlarm(Window owner, ReviewContext review, org.vigil.data.store.AlarmLogEntry entry,
                                  StripTarget target) {
        AlarmMarker m = AlarmMarker.of(entry);
        return open(owner, review, m.bed(), m.onset().minus(ReviewLauncher.BEFORE_ONSET), m, target);
    }

    /**
     * Opens the full-disclosure window of a bed with {@code at} at the left edge.
     *
     * @param alarm the alarm that led here, or null
     */
    public static Stage open(Window owner, ReviewContext review, String bed, Instant at, AlarmMarker alarm,
                             StripTarget target) {
        FullDisclosureViewModel model = new FullDisclosureViewModel(review, bed, at);
        model.alarm().set(alarm);
        FullDisclosureView view = new FullDisclosureView(model, review, screenScale(), target);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Vigil — full disclosure, " + review.bedLabel().apply(model.bed().get()), model.bed()));
        Scene scene = new Scene(view, 1400, 800);
        scene.getStylesheets().add(Styles.themeUrl());
        stage.setScene(scene);
        stage.show();
        view.canvas.requestFocus();
        model.loadSpan();
        model.ensureLoaded();
        return stage;
    }
}
