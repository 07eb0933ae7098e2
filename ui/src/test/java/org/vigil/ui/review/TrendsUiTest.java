package org.vigil.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigil.ui.review.RecordedWard.value;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.model.MeasurementCode;
import org.vigil.testing.HeadlessFxExtension;
import org.vigil.testing.MutableClock;

/** The trends of a bed recorded through the real recorder on H2: values, alarm marker, table, zoom, pan, click. */
@ExtendWith(HeadlessFxExtension.class)
class TrendsUiTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant ONSET = Instant.parse("2026-11-24T09:30:00Z");

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = MutableClock.at(NOW);
    private RecordedWard ward;

    /** What the trends asked to open. */
    private record Opened(String bed, Instant at, AlarmMarker alarm) {
    }

    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    private final ReviewNavigator navigator = new ReviewNavigator() {
        @Override
        public void openTrends(String bed) {
        }

        @Override
        public void openWaveforms(String bed, Instant at, AlarmMarker alarm) {
            opened.add(new Opened(bed, at, alarm));
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        if (ward != null) {
            ward.close();
        }
    }

    private TrendsView openTrends() throws Exception {
        return openTrends(Map.of(), null);
    }

    /** The trends of bed 01 with these patients, charting a picked minute through {@code chart} (null: none). */
    private TrendsView openTrends(Map<String, org.vigil.data.model.Patient> patients, ChartFromTrends chart)
            throws Exception {
        ward = new RecordedWard(dir, clock);
        // an hour of bed 01: HR 70 that rises to 110 at 09:30 (the alarm), NIBP every 15 minutes
        ward.numerics("01", NOW.minus(Duration.ofHours(1)), NOW, Duration.ofSeconds(5), s -> {
            Instant cuff = NOW.minus(Duration.ofHours(1)).plusSeconds(s / 900 * 900);
            return List.of(value(MeasurementCode.HEART_RATE, s < 1800 ? 70 : 110, "/min"),
                    value(MeasurementCode.SPO2, 97, "%"), value(MeasurementCode.RESP_RATE, 16, "/min"),
                    new org.vigil.data.model.NumericValue(MeasurementCode.NIBP_SYS, 121.0, "mm[Hg]", cuff, null),
                    new org.vigil.data.model.NumericValue(MeasurementCode.NIBP_DIA, 79.0, "mm[Hg]", cuff, null),
                    new org.vigil.data.model.NumericValue(MeasurementCode.NIBP_MEAN, 93.0, "mm[Hg]", cuff, null),
                    value(MeasurementCode.TEMP_BODY, 36.8, "Cel"));
        });
        ward.alarm("01", ONSET, "HR_HIGH", AlarmPriority.MEDIUM, "HR 110 > 100");
        ward.alarm("02", ONSET, "SPO2_LOW", AlarmPriority.HIGH, "SpO2 85 < 90"); // another bed: no marker here
        ReviewContext review = ward.review(patients, List.of("01", "02"), dir).withChartVitals(chart);
        Stage[] stage = new Stage[1];
        FxToolkit.setupFixture(() -> stage[0] = TrendsView.open(null, review, navigator, "01"));
        TrendsView view = (TrendsView) stage[0].getScene().getRoot();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !view.model().rows().isEmpty()
                && !view.model().loading().get()));
        return view;
    }

    @Test
    void recordedValuesAndTheAlarmMarkerAreShownAndTheMarkerOpensTheWaveforms() throws Exception {
        TrendsView view = openTrends();
        TrendsViewModel model = view.model();

        TrendsViewModel.Trends data = fx(() -> model.trends().get());
        assertThat(data.aggregated()).isFalse();
        assertThat(data.points(MeasurementCode.HEART_RATE)).hasSize(720);
        assertThat(TrendsViewModel.nearest(data.points(MeasurementCode.HEART_RATE), Instant.parse("2026-11-24T09:10:00Z"),
                Duration.ofSeconds(5)).value()).isEqualTo(70);
        assertThat(TrendsViewModel.nearest(data.points(MeasurementCode.HEART_RATE), Instant.parse("2026-11-24T09:45:00Z"),
                Duration.ofSeconds(5)).value()).isEqualTo(110);
        // NIBP recorded once per cuff measurement, not once per message
        assertThat(data.points(MeasurementCode.NIBP_SYS)).hasSize(4);
        assertThat(data.units()).containsEntry(MeasurementCode.TEMP_BODY, "Cel");

        List<TrendsViewModel.Row> rows = fx(() -> List.copyOf(model.rows()));
        assertThat(rows).hasSize(60);
        assertThat(rows.getFirst().timeText()).isEqualTo("24 Nov 09:59");
        TrendsViewModel.Row at0945 = rows.stream().filter(r -> r.timeText().endsWith("09:45")).findFirst().orElseThrow();
        assertThat(at0945.hr()).isEqualTo("110");
        assertThat(at0945.spo2()).isEqualTo("97");
        assertThat(at0945.rr()).isEqualTo("16");
        assertThat(at0945.nibp()).isEqualTo("121/79 (93)");
        assertThat(at0945.temp()).isEqualTo("36.8");
        assertThat(rows.stream().filter(r -> r.timeText().endsWith("09:10")).findFirst().orElseThrow().hr())
                .isEqualTo("70");

        // the alarm of this bed, and only it, as a marker at its onset
        assertThat(fx(() -> List.copyOf(model.markers()))).singleElement().satisfies(m -> {
            assertThat(m.condition()).isEqualTo("HR_HIGH");
            assertThat(m.onset()).isEqualTo(ONSET);
            assertThat(m.priority()).isEqualTo(AlarmPriority.MEDIUM);
        });
        List<Label> markers = fx(view::markerNodes);
        assertThat(markers).hasSize(1);
        Label marker = markers.getFirst();
        assertThat(marker.isVisible()).isTrue();
        assertThat(marker.getText()).isEqualTo("**");
        Canvas canvas = robot.lookup("#trends-graph").lookup((Node n) -> n instanceof Canvas).query();
        double plot = canvas.getWidth() - TrendsView.LEFT - TrendsView.RIGHT;
        double centre = marker.getLayoutX() + marker.getWidth() / 2;
        assertThat(centre).isCloseTo(TrendsView.LEFT + plot / 2, org.assertj.core.api.Assertions.within(2.0));
        assertThat(robot.lookup("#trends-status").queryLabeled().getText()).contains("1 alarm");

        robot.clickOn(marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> !opened.isEmpty());
        Opened o = opened.getFirst();
        assertThat(o.bed()).isEqualTo("01");
        assertThat(o.at()).isEqualTo(ONSET.minusSeconds(10));
        assertThat(o.alarm().text()).isEqualTo("HR 110 > 100");
    }

    @Test
    void aClickOpensTheWaveformsThereAndTheTableZoomAndPanWork() throws Exception {
        TrendsView view = openTrends();
        TrendsViewModel model = view.model();
        Canvas canvas = robot.lookup("#trends-graph").lookup((Node n) -> n instanceof Canvas).query();
        double plot = canvas.getWidth() - TrendsView.LEFT - TrendsView.RIGHT;

        // a click a quarter into the hour: 09:15, opened 5 s before so the moment is on screen
        var p = canvas.localToScreen(TrendsView.LEFT + plot / 4, canvas.getHeight() / 2);
        robot.clickOn(p);
        await().atMost(Duration.ofSeconds(5)).until(() -> !opened.isEmpty());
        assertThat(opened.getFirst().at()).isBetween(Instant.parse("2026-11-24T09:14:50Z"),
                Instant.parse("2026-11-24T09:15:00Z"));
        assertThat(opened.getFirst().alarm()).isNull();

        // the table: time rows by parameter columns
        robot.clickOn("#trends-table-toggle");
        TableView<?> table = robot.lookup("#trends-table").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(table::isVisible);
        assertThat(fx(() -> robot.lookup("#trends-graph").query().isVisible())).isFalse();
        List<String> cells = fx(() -> robot.from(table).lookup(".table-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).filter(t -> t != null).toList());
        assertThat(cells).contains("24 Nov 09:59", "110", "121/79 (93)", "36.8");
        robot.clickOn("#trends-table-toggle");

        // zoom in with +: 30 minutes up to now, then pan back with the left arrow
        Node graph = robot.lookup("#trends-graph").query();
        robot.interact(graph::requestFocus);
        robot.type(KeyCode.ADD);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> model.visibleLength().get())
                .equals(Duration.ofMinutes(30)));
        assertThat(fx(() -> model.visibleTo().get())).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        robot.type(KeyCode.LEFT);
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> model.visibleTo().get())
                .equals(NOW.minus(Duration.ofMinutes(18))));
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> !model.loading().get()
                && model.trends().get().to().equals(NOW.minus(Duration.ofMinutes(18)))));
        assertThat(fx(() -> model.rows().size())).isEqualTo(30);
        // a span change shows the last 8 hours from minute aggregates
        robot.clickOn("#trends-span-h8");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx(() -> !model.loading().get()
                && model.trends().get().aggregated()));
        assertThat(fx(() -> model.visibleLength().get())).isEqualTo(Duration.ofHours(8));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What the trends asked to chart. */
    private record Charted(String bed, Instant minute) {
    }

    @Test
    void aRightClickChartsTheMinuteUnderTheCursorOnlyWhereThatCanBeDone() throws Exception {
        List<Charted> charted = new CopyOnWriteArrayList<>();
        var ida = new org.vigil.data.model.Patient(7, "MRN-7", "Ida Jung", java.time.LocalDate.of(1966, 5, 5),
                org.vigil.data.model.PatientCategory.ADULT, false);
        TrendsView view = openTrends(Map.of("01", ida), (bed, minute) -> charted.add(new Charted(bed, minute)));
        assertThat(robot.lookup(".status-item").queryAllAs(Label.class)).anyMatch(l -> l.getText() != null
                && l.getText().contains("right-click: chart vitals of that minute"));

        // 09:45:30 on the plot: its minute, 09:45, goes to charting for bed 01
        robot.clickOn(fx(() -> view.screenPointAt(Instant.parse("2026-11-24T09:45:30Z"))),
                javafx.scene.input.MouseButton.SECONDARY);
        robot.clickOn("Chart vitals at 09:45…");
        await().atMost(Duration.ofSeconds(5)).until(() -> !charted.isEmpty());
        assertThat(charted).containsExactly(new Charted("01", Instant.parse("2026-11-24T09:45:00Z")));
        assertThat(opened).as("a right-click opens no waveforms").isEmpty();

        // the minute still under way has no medians yet: offered, but not to be clicked
        robot.clickOn(fx(() -> view.screenPointAt(Instant.parse("2026-11-24T09:59:30Z"))),
                javafx.scene.input.MouseButton.SECONDARY);
        assertThat(robot.lookup("Chart vitals at 09:59 (the minute is not over)").tryQuery()).isPresent();
        hideMenus();

        // a bed without a patient: nobody to chart for
        robot.interact(() -> view.model().showBed("02"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> !view.model().loading().get()));
        robot.clickOn(fx(() -> view.screenPointAt(Instant.parse("2026-11-24T09:30:30Z"))),
                javafx.scene.input.MouseButton.SECONDARY);
        assertThat(robot.lookup("Chart vitals at 09:30 (Bed 02 has no patient)").tryQuery()).isPresent();
        robot.clickOn("Chart vitals at 09:30 (Bed 02 has no patient)");
        hideMenus();
        assertThat(charted).hasSize(1);
    }

    @Test
    void withoutChartingTheTrendsOfferNoChartEntry() throws Exception {
        TrendsView view = openTrends();
        robot.clickOn(fx(() -> view.screenPointAt(Instant.parse("2026-11-24T09:45:30Z"))),
                javafx.scene.input.MouseButton.SECONDARY);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup((Node n) -> n instanceof Labeled l
                && l.getText() != null && l.getText().startsWith("Waveforms at 09:45")).tryQuery().isPresent());
        assertThat(robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith("Chart vitals")).tryQuery()).isEmpty();
        hideMenus();
    }

    /** Closes the plot's menu (not with Escape: that closes the trends when the menu has gone already). */
    private void hideMenus() {
        robot.interact(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
                .filter(javafx.scene.control.ContextMenu.class::isInstance).forEach(javafx.stage.Window::hide));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
