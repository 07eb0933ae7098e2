package org.vigil.ui.review;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vigil.data.model.AlarmPriority;
import org.vigil.ui.Styles;

/**
 * The trends window of one bed: a pane per parameter (HR, SpO2, RR, NIBP, temperature) on one canvas, with the
 * alarms that began in the span as markers, or the same as a table. Span buttons (1 h .. 96 h); zoom with the
 * mouse wheel or + and -; pan by dragging or with the arrow keys; a click opens the waveforms at that moment, a
 * click on a marker opens them 10 s before the alarm; a right click offers "Chart vitals at HH:mm" (the medians of
 * that minute, where the console charts) and the waveforms there. Escape closes. JavaFX thread only.
 */
public final class TrendsView extends VBox {
    static final double LEFT = 118;
    static final double RIGHT = 16;
    static final double AXIS = 22;
    private static final Color GRID = Color.web("#2a2f36");
    private static final Color TEXT = Color.web("#8a9099");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd MMM HH:mm", Locale.ROOT);

    private final TrendsViewModel model;
    private final ReviewContext review;
    private final Canvas canvas = new Canvas();
    private final Pane markerLayer = new Pane();
    private final StackPane graph;
    private final TableView<TrendsViewModel.Row> table = new TableView<>();
    private final Label readout = new Label();
    private ContextMenu menu;
    private double dragStartX = Double.NaN;
    private Instant dragStartTo;
    private boolean dragged;

    public TrendsView(TrendsViewModel model, ReviewContext review) {
        this.model = model;
        this.review = review;
        getStyleClass().addAll(Styles.DIAGNOSTICS, Styles.REVIEW);
        setId("trends");

        ComboBox<String> bed = new ComboBox<>();
        bed.setId("trends-bed");
        bed.getItems().setAll(review.beds().get());
        bed.setCellFactory(l -> labelled(review.bedLabel()));
        bed.setButtonCell(labelled(review.bedLabel()));
        bed.setValue(model.bed().get());
        bed.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(model.bed().get())) {
                model.showBed(now);
            }
        });
        model.bed().addListener((o, was, now) -> bed.setValue(now));

        ToggleGroup spans = new ToggleGroup();
        HBox spanButtons = new HBox(2);
        for (TrendsViewModel.Span s : TrendsViewModel.Span.values()) {
            ToggleButton b = new ToggleButton(s.toString());
            b.setId("trends-span-" + s.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(spans);
            b.setSelected(s == model.span().get());
            b.setOnAction(e -> {
                b.setSelected(true);
                model.showSpan(s);
            });
            b.setFocusTraversable(false);
            spanButtons.getChildren().add(b);
        }
        Button zoomIn = button("+", "trends-zoom-in", "Zoom in (+ or mouse wheel)", model::zoomIn);
        Button zoomOut = button("−", "trends-zoom-out", "Zoom out (- or mouse wheel)", model::zoomOut);
        Button back = button("◀", "trends-back", "Earlier (left arrow or drag)", () -> model.pan(-0.25));
        Button forward = button("▶", "trends-forward", "Later (right arrow or drag)", () -> model.pan(0.25));
        ToggleButton tableToggle = new ToggleButton("Table (Ctrl+T)");
        tableToggle.setId("trends-table-toggle");
        tableToggle.setFocusTraversable(false);
        tableToggle.selectedProperty().bindBidirectional(model.tabular());
        Label status = new Label();
        status.setId("trends-status");
        status.getStyleClass().add(Styles.REVIEW_STATUS);
        status.textProperty().bind(model.status());
        HBox bar = new HBox(8, new Label("Bed"), bed, spanButtons, back, zoomOut, zoomIn, forward, tableToggle,
                status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 0, 4, 0));

        Pane canvasHolder = new Pane(canvas) {
            @Override
            protected void layoutChildren() {
                double w = Math.floor(getWidth());
                double h = Math.floor(getHeight());
                if (w != canvas.getWidth() || h != canvas.getHeight()) {
                    canvas.setWidth(w);
                    canvas.setHeight(h);
                    draw();
                }
            }
        };
        canvasHolder.setMinSize(0, 0);
        markerLayer.setPickOnBounds(false);
        markerLayer.setMinSize(0, 0);
        graph = new StackPane(canvasHolder, markerLayer);
        graph.setId("trends-graph");
        graph.getStyleClass().add(Styles.REVIEW_CANVAS);
        graph.setMinSize(0, 0);
        graph.setFocusTraversable(true);
        graph.visibleProperty().bind(model.tabular().not());

        table.setId("trends-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("Time", TrendsViewModel.Row::timeText),
                column("HR /min", TrendsViewModel.Row::hr),
                column("SpO2 %", TrendsViewModel.Row::spo2),
                column("RR /min", TrendsViewModel.Row::rr),
                column("NIBP mmHg", TrendsViewModel.Row::nibp),
                column("Temp °C", TrendsViewModel.Row::temp)));
        table.setPlaceholder(new Label("Nothing recorded in this span"));
        table.visibleProperty().bind(model.tabular());

        StackPane center = new StackPane(graph, table);
        VBox.setVgrow(center, Priority.ALWAYS);
        readout.setId("trends-readout");
        readout.getStyleClass().add(Styles.REVIEW_STATUS);
        Label help = new Label("Click: waveforms at that moment · "
                + (model.chartingOffered() ? "right-click: chart vitals of that minute · " : "")
                + "wheel or +/-: zoom · drag or arrows: pan · marker: waveforms 10 s before the alarm · Esc: close");
        help.getStyleClass().add(Styles.STATUS_ITEM);
        getChildren().addAll(bar, center, readout, help);

        model.trends().addListener((o, was, now) -> draw());
        model.visibleTo().addListener((o, was, now) -> draw());
        model.visibleLength().addListener((o, was, now) -> draw());
        model.markers().addListener((ListChangeListener<AlarmMarker>) c -> draw());
        model.tabular().addListener((o, was, now) -> {
            if (!now) {
                draw();
            }
        });
        installMouse();
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    public TrendsViewModel model() {
        return model;
    }

    private void installMouse() {
        canvas.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                model.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, fraction(e.getX()));
            }
            e.consume();
        });
        canvas.setOnMousePressed(e -> {
            graph.requestFocus();
            // the right button opens the menu on every platform, popup trigger or not (a headless one has none)
            if (e.getButton() == MouseButton.SECONDARY) {
                if (e.getX() >= LEFT && e.getX() <= canvas.getWidth() - RIGHT) {
                    showMenu(model.timeAt(fraction(e.getX())), e.getScreenX(), e.getScreenY());
                }
                dragStartX = Double.NaN;
                e.consume();
                return;
            }
            dragStartX = e.getX();
            dragStartTo = model.visibleTo().get();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            if (Double.isNaN(dragStartX)) {
                return;
            }
            double dx = e.getX() - dragStartX;
            if (Math.abs(dx) > 3) {
                dragged = true;
            }
            if (dragged) {
                double width = plotWidth();
                Duration shift = Duration.ofNanos(Math.round(-dx / width * model.visibleLength().get().toNanos()));
                model.visibleTo().set(dragStartTo); // pan relative to where the drag began
                model.panBy(shift);
            }
        });
        canvas.setOnMouseReleased(e -> {
            if (!dragged && e.getButton() == MouseButton.PRIMARY && e.getX() >= LEFT
                    && e.getX() <= canvas.getWidth() - RIGHT) {
                model.openWaveformsAt(model.timeAt(fraction(e.getX())));
            }
            dragStartX = Double.NaN;
        });
        canvas.setOnContextMenuRequested(e -> {
            // the context-menu key; a right click has opened the menu already
            if ((menu == null || !menu.isShowing()) && e.getX() >= LEFT && e.getX() <= canvas.getWidth() - RIGHT) {
                showMenu(model.timeAt(fraction(e.getX())), e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        canvas.setOnMouseMoved(e -> {
            if (e.getX() >= LEFT && e.getX() <= canvas.getWidth() - RIGHT) {
                readout.setText(model.readout(model.timeAt(fraction(e.getX()))));
            }
        });
    }

    /** The plot's menu at {@code t}: chart the vitals of its minute (where this console charts), its waveforms. */
    private void showMenu(Instant t, double screenX, double screenY) {
        if (menu != null) {
            menu.hide();
        }
        menu = new ContextMenu();
        menu.setId("trends-menu");
        if (model.chartingOffered()) {
            String refusal = model.chartRefusal(t);
            MenuItem chart = new MenuItem(model.chartText(t) + (refusal == null ? "…" : " (" + refusal + ")"));
            chart.setId("trends-chart-at");
            chart.setDisable(refusal != null);
            chart.setOnAction(e -> model.chartVitalsAt(t));
            menu.getItems().add(chart);
        }
        MenuItem waves = new MenuItem("Waveforms at " + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                .format(t.atZone(review.zone())));
        waves.setId("trends-waveforms-at");
        waves.setOnAction(e -> model.openWaveformsAt(t));
        menu.getItems().add(waves);
        menu.show(canvas, screenX, screenY);
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        if (k == KeyCode.ESCAPE && getScene() != null && getScene().getWindow() instanceof Stage s) {
            s.close();
        } else if (k == KeyCode.PLUS || k == KeyCode.ADD || k == KeyCode.EQUALS) {
            model.zoomIn();
        } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
            model.zoomOut();
        } else if (k == KeyCode.LEFT) {
            model.pan(-0.1);
        } else if (k == KeyCode.RIGHT) {
            model.pan(0.1);
        } else if (k == KeyCode.T && e.isShortcutDown()) {
            model.tabular().set(!model.tabular().get());
        } else if (k == KeyCode.F5) {
            model.load();
        } else {
            return;
        }
        e.consume();
    }

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - LEFT - RIGHT);
    }

    private double fraction(double x) {
        return Math.clamp((x - LEFT) / plotWidth(), 0, 1);
    }

    private double xOf(Instant t, Instant from, Duration len) {
        return LEFT + Duration.between(from, t).toNanos() / (double) len.toNanos() * plotWidth();
    }

    /** Redraws the whole canvas from the model: cheap (at most 1500 points per parameter). */
    void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, w, h);
        markerLayer.getChildren().clear();
        if (w < LEFT + RIGHT + 20 || h < AXIS + 40) {
            return;
        }
        Instant from = model.visibleFrom();
        Duration len = model.visibleLength().get();
        Instant to = from.plus(len);
        TrendsViewModel.Trends data = model.trends().get();
        TrendParameter[] params = TrendParameter.values();
        double paneH = (h - AXIS) / params.length;
        g.setFont(Font.font(12));
        timeAxis(g, from, to, len, h);
        for (int i = 0; i < params.length; i++) {
            pane(g, params[i], data, from, to, len, AXIS + i * paneH, paneH);
        }
        for (AlarmMarker m : model.markers()) {
            if (m.onset().isBefore(from) || m.onset().isAfter(to)) {
                continue;
            }
            double x = Math.round(xOf(m.onset(), from, len)) + 0.5;
            g.setStroke(priorityColour(m.priority()));
            g.setLineWidth(1);
            g.setLineDashes(4, 3);
            g.strokeLine(x, AXIS, x, h);
            g.setLineDashes();
            markerLayer.getChildren().add(marker(m, x));
        }
    }

    private void timeAxis(GraphicsContext g, Instant from, Instant to, Duration len, double h) {
        Duration step = tickStep(len);
        long stepMillis = step.toMillis();
        long offset = ZonedDateTime.ofInstant(from, review.zone()).getOffset().getTotalSeconds() * 1000L;
        long first = Math.floorDiv(from.toEpochMilli() + offset, stepMillis) * stepMillis + stepMillis - offset;
        g.setLineWidth(1);
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        for (long t = first; t < to.toEpochMilli(); t += stepMillis) {
            Instant at = Instant.ofEpochMilli(t);
            double x = Math.round(xOf(at, from, len)) + 0.5;
            g.setStroke(GRID);
            g.strokeLine(x, AXIS, x, h);
            ZonedDateTime z = at.atZone(review.zone());
            boolean midnight = z.getHour() == 0 && z.getMinute() == 0;
            g.setFill(TEXT);
            g.fillText((midnight ? DAY : HOUR).format(z), x, AXIS - 6);
        }
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
    }

    static Duration tickStep(Duration len) {
        long minutes = len.toMinutes();
        if (minutes <= 20) {
            return Duration.ofMinutes(2);
        }
        if (minutes <= 60) {
            return Duration.ofMinutes(10);
        }
        if (minutes <= 180) {
            return Duration.ofMinutes(30);
        }
        if (minutes <= 8 * 60) {
            return Duration.ofHours(1);
        }
        if (minutes <= 24 * 60) {
            return Duration.ofHours(3);
        }
        return Duration.ofHours(12);
    }

    private void pane(GraphicsContext g, TrendParameter p, TrendsViewModel.Trends data, Instant from, Instant to,
                      Duration len, double top, double height) {
        double w = canvas.getWidth();
        double[] range = range(p, data, from, to);
        double lo = range[0];
        double hi = range[1];
        double plotTop = top + 6;
        double plotH = Math.max(10, height - 12);
        Function<Double, Double> y = v -> plotTop + (hi - v) / (hi - lo) * plotH;
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.strokeLine(0, Math.round(top) + 0.5, w, Math.round(top) + 0.5);
        Color colour = Color.web(p.colour());
        g.setFill(colour);
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 14));
        g.fillText(p.label(), 8, top + 20);
        g.setFont(Font.font(11));
        g.setFill(TEXT);
        g.fillText(unitOf(p, data), 8, top + 36);
        g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        g.fillText(label(hi), LEFT - 6, plotTop + 9);
        g.fillText(label(lo), LEFT - 6, plotTop + plotH);
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);

        g.save();
        g.beginPath();
        g.rect(LEFT, top, plotWidth(), height);
        g.clip();
        Duration breakAfter = data.aggregated() ? Duration.ofSeconds(150)
                : Duration.ofSeconds(30).plus(Duration.between(data.from(), data.to())
                        .dividedBy(TrendsViewModel.MAX_POINTS).multipliedBy(2));
        if (p == TrendParameter.NIBP) {
            nibp(g, data, from, len, y, colour);
        } else {
            for (String code : p.codes()) {
                series(g, data.points(code), from, len, y, colour, breakAfter);
            }
        }
        g.restore();
    }

    private void series(GraphicsContext g, List<TrendsViewModel.Point> points, Instant from, Duration len,
                        Function<Double, Double> y, Color colour, Duration breakAfter) {
        if (points.isEmpty()) {
            return;
        }
        // the min-max band first, one quad per pair of neighbours that are not apart by a gap
        g.setFill(colour.deriveColor(0, 1, 1, 0.28));
        for (int i = 0; i + 1 < points.size(); i++) {
            TrendsViewModel.Point a = points.get(i);
            TrendsViewModel.Point b = points.get(i + 1);
            if (a.min() == a.max() && b.min() == b.max()
                    || Duration.between(a.time(), b.time()).compareTo(breakAfter) > 0) {
                continue;
            }
            double xa = xOf(a.time(), from, len);
            double xb = xOf(b.time(), from, len);
            g.fillPolygon(new double[] {xa, xb, xb, xa}, new double[] {y.apply(a.max()), y.apply(b.max()),
                    y.apply(b.min()), y.apply(a.min())}, 4);
        }
        g.setStroke(colour);
        g.setLineWidth(1.5);
        g.beginPath();
        TrendsViewModel.Point last = null;
        for (TrendsViewModel.Point pt : points) {
            double x = xOf(pt.time(), from, len);
            double py = y.apply(pt.value());
            if (last == null || Duration.between(last.time(), pt.time()).compareTo(breakAfter) > 0) {
                g.moveTo(x, py);
                g.lineTo(x + 0.5, py); // a lone value is still a visible dot
            } else {
                g.lineTo(x, py);
            }
            last = pt;
        }
        g.stroke();
    }

    /** NIBP is measured now and then: each reading a bar from diastolic to systolic with a dot at the mean. */
    private void nibp(GraphicsContext g, TrendsViewModel.Trends data, Instant from, Duration len,
                      Function<Double, Double> y, Color colour) {
        List<TrendsViewModel.Point> sys = data.points(org.vigil.data.model.MeasurementCode.NIBP_SYS);
        List<TrendsViewModel.Point> dia = data.points(org.vigil.data.model.MeasurementCode.NIBP_DIA);
        List<TrendsViewModel.Point> mean = data.points(org.vigil.data.model.MeasurementCode.NIBP_MEAN);
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2);
        Duration near = data.aggregated() ? Duration.ofSeconds(60) : Duration.ofSeconds(5);
        for (TrendsViewModel.Point s : sys) {
            double x = xOf(s.time(), from, len);
            TrendsViewModel.Point d = TrendsViewModel.nearest(dia, s.time(), near);
            double top = y.apply(s.max());
            double bottom = y.apply(d != null ? d.min() : s.min());
            g.strokeLine(x - 4, top, x + 4, top);
            if (d != null) {
                g.strokeLine(x, top, x, bottom);
                g.strokeLine(x - 4, bottom, x + 4, bottom);
            }
        }
        for (TrendsViewModel.Point m : mean) {
            double x = xOf(m.time(), from, len);
            g.fillOval(x - 2.5, y.apply(m.value()) - 2.5, 5, 5);
        }
        if (sys.isEmpty()) {
            for (TrendsViewModel.Point d : dia) {
                double x = xOf(d.time(), from, len);
                g.strokeLine(x - 4, y.apply(d.value()), x + 4, y.apply(d.value()));
            }
        }
    }

    /** The pane's scale: the parameter's default, widened to the data shown. */
    static double[] range(TrendParameter p, TrendsViewModel.Trends data, Instant from, Instant to) {
        double lo = p.low();
        double hi = p.high();
        for (String code : p.codes()) {
            for (TrendsViewModel.Point pt : data.points(code)) {
                if (!pt.time().isBefore(from) && !pt.time().isAfter(to)) {
                    lo = Math.min(lo, pt.min());
                    hi = Math.max(hi, pt.max());
                }
            }
        }
        double pad = (hi - lo) * 0.05;
        if (lo != p.low()) {
            lo -= pad;
        }
        if (hi != p.high()) {
            hi += pad;
        }
        return new double[] {lo, hi};
    }

    private static String unitOf(TrendParameter p, TrendsViewModel.Trends data) {
        String recorded = data.units().get(p.codes().getFirst());
        return recorded == null ? p.unit() : TrendParameter.displayUnit(recorded);
    }

    private static String label(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.1f", v);
    }

    private Region marker(AlarmMarker m, double x) {
        Label l = new Label(m.priority().marker());
        l.getStyleClass().addAll(Styles.TREND_ALARM_MARKER, Styles.priorityClass(m.priority()));
        l.setUserData(m);
        Tooltip.install(l, new Tooltip(m.label() + "\n" + DAY.format(m.onset().atZone(review.zone()))
                + "\nClick: waveforms 10 s before"));
        l.setManaged(false);
        l.autosize();
        double width = Math.max(l.prefWidth(-1), 18);
        l.resizeRelocate(x - width / 2, AXIS, width, 16);
        l.setOnMouseClicked(e -> {
            model.openWaveforms(m);
            e.consume();
        });
        return l;
    }

    private static Color priorityColour(AlarmPriority p) {
        return switch (p) {
            case HIGH -> Color.web("#e0001b");
            case MEDIUM -> Color.web("#ffd21f");
            case LOW -> Color.web("#1fd5ff");
        };
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
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

    private static TableColumn<TrendsViewModel.Row, String> column(String name,
            Function<TrendsViewModel.Row, String> value) {
        TableColumn<TrendsViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Where the moment {@code t} is on the plot, halfway down, in screen coordinates; for tests. */
    public javafx.geometry.Point2D screenPointAt(Instant t) {
        return canvas.localToScreen(xOf(t, model.visibleFrom(), model.visibleLength().get()), canvas.getHeight() / 2);
    }

    /** The alarm markers on screen (their user data is the {@link AlarmMarker}); for tests. */
    public List<Label> markerNodes() {
        return markerLayer.getChildren().stream().filter(Label.class::isInstance).map(Label.class::cast).toList();
    }

    /** Opens the trends window of a bed over the last hour and loads it. Escape closes it. */
    public static Stage open(Window owner, ReviewContext review, ReviewNavigator navigator, String bed) {
        TrendsViewModel model = new TrendsViewModel(review, navigator, bed);
        TrendsView view = new TrendsView(model, review);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Vigil — trends, " + review.bedLabel().apply(model.bed().get()), model.bed()));
        Scene scene = new Scene(view, 1400, 860);
        scene.getStylesheets().add(Styles.themeUrl());
        stage.setScene(scene);
        stage.show();
        view.graph.requestFocus();
        model.load();
        return stage;
    }
}
