package org.vigil.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.vigil.ui.ConsoleView;
import org.vigil.ui.ConsoleWindow;

/** The JavaFX application: shows the console of an already started {@link Station}. */
public final class VigilFxApplication extends Application {
    private static volatile Station station;

    static void launch(Station started) {
        station = started;
        Application.launch(VigilFxApplication.class);
    }

    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false);
        ConsoleView console = ConsoleWindow.show(stage, station.uiContext(), () -> {
            // closing can take a second (log writes, goodbye on the broker): never on the JavaFX thread
            Thread t = new Thread(() -> {
                station.close();
                Platform.exit();
                System.exit(0);
            }, "vigil-close");
            t.start();
        });
        console.setIdleLock(station.config().alarms().idleLock());
        station.setFrameStats(console.frameStats());
        console.offerFirstRun(); // no administrator yet: the set-up dialog opens over the running console
        console.setAlarmHistory(station.alarmHistory());
        console.setPatientServices(station.patientService(), station.chartingService());
    }
}
