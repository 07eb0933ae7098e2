package org.vigil.ui.alarms.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.data.model.AlarmPriority;
import org.vigil.data.store.AlarmLogEntry;
import org.vigil.data.store.AlarmLogStore;
import org.vigil.data.store.VigilDatabase;
import org.vigil.testing.HeadlessFxExtension;

/** The alarm history reads a real H2 alarm log off the JavaFX thread and filters by bed, priority and span. */
@ExtendWith(HeadlessFxExtension.class)
class AlarmHistoryUiTest {
    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private final ExecutorService dbThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "history-db"));
    private VigilDatabase db;

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        dbThread.shutdownNow();
        if (db != null) {
            db.close();
        }
    }

    private static AlarmLogEntry entry(Instant at, String bed, String condition, AlarmPriority p, String state,
                                       String user) {
        return new AlarmLogEntry(0, at, bed + "-" + condition + "-" + at.toEpochMilli(), bed, 42L, condition,
                "physiological", p, state, 151.0, 50.0, 150.0, "/min", at.minusMillis(200), user, "cs-1",
                condition + " text");
    }

    @Test
    void rowsAppearAndFilteringByBedPriorityAndSpanWorks() throws Exception {
        db = VigilDatabase.openFile(dir);
        AlarmLogStore log = new AlarmLogStore(db);
        Instant now = Instant.now();
        log.append(entry(now.minusSeconds(300), "01", "HR_HIGH", AlarmPriority.HIGH, "active", null));
        log.append(entry(now.minusSeconds(200), "02", "SPO2_LOW", AlarmPriority.MEDIUM, "active", null));
        log.append(entry(now.minusSeconds(100), "01", "TEMP_HIGH", AlarmPriority.LOW, "acknowledged", "nurse.kim"));
        log.append(entry(now.minus(Duration.ofHours(30)), "01", "RR_LOW", AlarmPriority.MEDIUM, "ended", null));

        Set<String> queryThreads = ConcurrentHashMap.newKeySet();
        AlarmHistorySource source = q -> CompletableFuture.supplyAsync(() -> {
            queryThreads.add(Thread.currentThread().getName());
            return log.query(q.bed(), q.priority(), q.from(), q.to(), q.max());
        }, dbThread);
        Stage[] stage = new Stage[1];
        FxToolkit.setupFixture(() -> stage[0] = AlarmHistoryView.open(null, "hw", Clock.systemUTC(),
                List.of("01", "02"), id -> "Bed " + id, source));
        AlarmHistoryView view = (AlarmHistoryView) stage[0].getScene().getRoot();

        await().atMost(Duration.ofSeconds(5)).until(() -> rows(view).size() == 3);
        assertThat(queryThreads).containsExactly("history-db");
        AlarmHistoryViewModel.Row newest = rows(view).getFirst();
        assertThat(newest.bed()).isEqualTo("Bed 01");
        assertThat(newest.patientId()).isEqualTo("42");
        assertThat(newest.condition()).isEqualTo("TEMP_HIGH");
        assertThat(newest.priority()).isEqualTo("* low");
        assertThat(newest.state()).isEqualTo("acknowledged");
        assertThat(newest.value()).isEqualTo("151 /min");
        assertThat(newest.limits()).isEqualTo("50 .. 150");
        assertThat(newest.user()).isEqualTo("nurse.kim");
        assertThat(newest.station()).isEqualTo("cs-1");
        assertThat(newest.text()).isEqualTo("TEMP_HIGH text");
        assertThat(newest.time()).isNotBlank();
        assertThat(robot.lookup("#history-table").queryTableView().getItems()).hasSize(3);
        assertThat(robot.lookup("#history-status").queryLabeled().getText()).isEqualTo("3 entries");

        ComboBox<String> bed = robot.lookup("#history-bed").queryComboBox();
        robot.interact(() -> bed.setValue("01"));
        await().atMost(Duration.ofSeconds(5)).until(() -> conditions(view).equals(List.of("TEMP_HIGH", "HR_HIGH")));

        ComboBox<String> priority = robot.lookup("#history-priority").queryComboBox();
        robot.interact(() -> priority.setValue("*** high"));
        await().atMost(Duration.ofSeconds(5)).until(() -> conditions(view).equals(List.of("HR_HIGH")));

        robot.interact(() -> bed.setValue("All beds"));
        robot.interact(() -> priority.setValue("** medium"));
        await().atMost(Duration.ofSeconds(5)).until(() -> conditions(view).equals(List.of("SPO2_LOW")));

        ComboBox<AlarmHistoryViewModel.Span> span = robot.lookup("#history-span").queryComboBox();
        robot.interact(() -> span.setValue(AlarmHistoryViewModel.Span.LAST_96_HOURS));
        await().atMost(Duration.ofSeconds(5)).until(() -> conditions(view).equals(List.of("SPO2_LOW", "RR_LOW")));
        robot.interact(() -> span.setValue(AlarmHistoryViewModel.Span.LAST_HOUR));
        await().atMost(Duration.ofSeconds(5)).until(() -> conditions(view).equals(List.of("SPO2_LOW")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<AlarmHistoryViewModel.Row> rows(AlarmHistoryView view) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> List.copyOf(view.model().rows())).get();
    }

    private static List<String> conditions(AlarmHistoryView view) throws Exception {
        return rows(view).stream().map(AlarmHistoryViewModel.Row::condition).toList();
    }
}
