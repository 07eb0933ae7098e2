package org.vigil.ui.alarms;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.vigil.data.model.AlarmPriority;
import org.vigil.ui.Styles;

/**
 * The alarm bar across the top of the console: one chip per alarm (a click acknowledges it; its menu offers the
 * bed's audio pause and the parameter's alarm off), the permanent "ALARM OFF" indicator and the ward audio pause
 * button with its countdown. JavaFX thread only.
 */
public final class AlarmBarView extends HBox {

    /** What the bar's controls ask for; the console carries them out through its station actions. */
    public interface Actions {
        void acknowledge(String alarmId);

        void pauseBedAudio(String bed);

        void alarmOff(String bed, String parameter);

        void alarmOn(String bed, String parameter);

        void pauseWardAudio();
    }

    private final Label empty = new Label("No active alarms");
    private final HBox chips = new HBox();
    private final Actions actions;

    public AlarmBarView(AlarmBarViewModel model) {
        this(model, null);
    }

    /** @param actions what the controls do; null: a bar without controls */
    public AlarmBarView(AlarmBarViewModel model, Actions actions) {
        this.actions = actions;
        getStyleClass().add(Styles.ALARM_BAR);
        setAlignment(Pos.CENTER_LEFT);
        setId("alarm-bar");
        empty.getStyleClass().add(Styles.ALARM_BAR_EMPTY);
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.getStyleClass().add("alarm-chips");
        chips.getChildren().add(empty);
        HBox.setHgrow(chips, Priority.ALWAYS);
        getChildren().add(chips);
        Label off = new Label();
        off.setId("alarm-off-indicator");
        off.getStyleClass().add("alarm-off-indicator");
        off.textProperty().bind(model.alarmOffProperty());
        off.visibleProperty().bind(model.alarmOffProperty().isNotEmpty());
        off.managedProperty().bind(off.visibleProperty());
        off.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().add(off);
        if (actions != null) {
            MenuButton on = new MenuButton("Alarm on…");
            on.setId("alarm-on-menu");
            on.getStyleClass().add(Styles.STATUS_BUTTON);
            on.setFocusTraversable(false);
            on.setMinWidth(Region.USE_PREF_SIZE);
            on.visibleProperty().bind(model.alarmOffProperty().isNotEmpty());
            on.managedProperty().bind(on.visibleProperty());
            model.alarmsOff().addListener((ListChangeListener<AlarmBarViewModel.Off>) c -> {
                on.getItems().clear();
                for (AlarmBarViewModel.Off o : model.alarmsOff()) {
                    MenuItem item = new MenuItem("Alarm on: " + o.bedLabel() + " "
                            + org.vigil.data.model.MeasurementCode.shortLabel(o.code()));
                    item.setOnAction(a -> actions.alarmOn(o.bed(), o.code()));
                    on.getItems().add(item);
                }
            });
            getChildren().add(on);
            Label countdown = new Label();
            countdown.setId("ward-pause-countdown");
            countdown.getStyleClass().add("ward-pause-countdown");
            countdown.textProperty().bind(model.wardPauseProperty());
            countdown.setMinWidth(Region.USE_PREF_SIZE);
            Button pause = new Button("Pause ward audio (Ctrl+P)");
            pause.setId("pause-ward-audio");
            pause.getStyleClass().add(Styles.STATUS_BUTTON);
            pause.setFocusTraversable(false);
            pause.setMinWidth(Region.USE_PREF_SIZE);
            pause.setOnAction(e -> actions.pauseWardAudio());
            getChildren().addAll(countdown, pause);
        }
        model.entries().addListener((ListChangeListener<AlarmBarViewModel.Entry>) c -> rebuild(model));
    }

    private void rebuild(AlarmBarViewModel model) {
        chips.getChildren().clear();
        if (model.entries().isEmpty()) {
            chips.getChildren().add(empty);
            return;
        }
        for (AlarmBarViewModel.Entry e : model.entries()) {
            Label chip = new Label(e.text());
            chip.getStyleClass().addAll(Styles.ALARM_CHIP, Styles.priorityClass(e.priority()));
            chip.setUserData(e.priority());
            // never wider than a third of a 1080p screen: one long text must not push the ward off the screen
            chip.setMinWidth(80);
            chip.setMaxWidth(640);
            if (actions != null && e.alarmId() != null) {
                MenuButton menu = new MenuButton();
                menu.getStyleClass().add("alarm-chip-menu");
                menu.setFocusTraversable(false);
                MenuItem ack = new MenuItem("Acknowledge");
                ack.setOnAction(a -> actions.acknowledge(e.alarmId()));
                menu.getItems().add(ack);
                if (e.bed() != null) {
                    MenuItem pauseBed = new MenuItem("Pause audio of this bed");
                    pauseBed.setOnAction(a -> actions.pauseBedAudio(e.bed()));
                    menu.getItems().add(pauseBed);
                }
                if (e.bed() != null && e.parameter() != null) {
                    String label = org.vigil.data.model.MeasurementCode.shortLabel(e.parameter());
                    MenuItem off = new MenuItem("Alarm off: " + label);
                    off.setId("alarm-off-" + e.parameter());
                    off.setOnAction(a -> actions.alarmOff(e.bed(), e.parameter()));
                    menu.getItems().add(off);
                }
                chip.setGraphic(menu);
                chip.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                chip.setOnMouseClicked(m -> {
                    if (m.getButton() == MouseButton.PRIMARY && !inside(m.getTarget(), menu)) {
                        actions.acknowledge(e.alarmId());
                    }
                });
            }
            chips.getChildren().add(chip);
        }
    }

    private static boolean inside(Object target, Node node) {
        for (Node n = target instanceof Node t ? t : null; n != null; n = n.getParent()) {
            if (n == node) {
                return true;
            }
        }
        return false;
    }

    /** The shared flash timeline's phase ({@link org.vigil.ui.FlashPhase}): high and medium chips flash, low stay. */
    public void setFlash(long frameNanos) {
        for (var n : chips.getChildren()) {
            if (n.getUserData() instanceof AlarmPriority p) {
                n.pseudoClassStateChanged(Styles.FLASH_OFF, org.vigil.ui.FlashPhase.off(p, frameNanos));
            }
        }
    }
}
