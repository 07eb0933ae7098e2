package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.vigil.testing.EmbeddedMqttBrokerExtension;
import org.vigil.testing.HeadlessFxExtension;

/** Closing the window asks first, because monitoring of the ward stops at this station. */
@ExtendWith(HeadlessFxExtension.class)
class CloseConfirmationUiTest {
    @RegisterExtension
    static final EmbeddedMqttBrokerExtension BROKER = new EmbeddedMqttBrokerExtension();

    private final FxRobot robot = new FxRobot();
    private ConsoleFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void closingAsksAndKeepMonitoringKeepsTheWindowOpen() throws Exception {
        fixture = new ConsoleFixture(BROKER.url(), "closeward", 2);
        AtomicBoolean closed = new AtomicBoolean();
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> ConsoleWindow.show(stage, fixture.context, () -> closed.set(true)));
        WaitForAsyncUtils.waitForFxEvents();

        // a close request as the window manager would send it; the dialog blocks inside the handler, so fire later
        javafx.application.Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        await().atMost(Duration.ofSeconds(5)).until(() -> dialog() != null);
        DialogPane pane = dialog();
        assertThat(pane.getHeaderText()).contains("Stop monitoring ward closeward at this station?");
        assertThat(pane.getContentText()).contains("stops at this station");
        Button keep = (Button) pane.lookupButton(pane.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Keep monitoring")).findFirst().orElseThrow());
        robot.interact(keep::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(closed).isFalse();
        assertThat(stage.isShowing()).isTrue();

        javafx.application.Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        await().atMost(Duration.ofSeconds(5)).until(() -> dialog() != null);
        DialogPane again = dialog();
        Button stop = (Button) again.lookupButton(again.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Stop monitoring and close")).findFirst().orElseThrow());
        robot.interact(stop::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(closed).isTrue();
    }

    private static DialogPane dialog() {
        List<Window> windows = List.copyOf(Window.getWindows());
        for (Window w : windows) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p) {
                return p;
            }
        }
        return null;
    }
}
