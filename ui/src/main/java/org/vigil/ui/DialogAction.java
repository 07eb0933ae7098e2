package org.vigil.ui;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Dialog;
import org.vigil.ui.users.StationActions;

/**
 * What a dialog's button does with a station action that runs off the JavaFX thread: one at a time (a click while
 * one runs starts nothing), a refusal or failure shown in the dialog's message while it stays open, and on success
 * the dialog closes with the result and {@code onDone} runs. JavaFX thread only.
 */
public final class DialogAction {
    private final Dialog<StationActions.Result> dialog;
    private final StringProperty message;
    private final Consumer<StationActions.Result> onDone;
    private boolean busy;

    /** @param message where the dialog shows a refusal or failure (its view model's message) */
    public DialogAction(Dialog<StationActions.Result> dialog, StringProperty message,
                        Consumer<StationActions.Result> onDone) {
        this.dialog = Objects.requireNonNull(dialog, "dialog");
        this.message = Objects.requireNonNull(message, "message");
        this.onDone = Objects.requireNonNull(onDone, "onDone");
    }

    /** Starts the action unless one is running; its outcome comes back on the JavaFX thread. */
    public void run(Supplier<CompletableFuture<StationActions.Result>> action) {
        if (busy) {
            return;
        }
        busy = true;
        action.get().whenComplete((result, failure) -> Platform.runLater(() -> {
            busy = false;
            if (failure != null) {
                message.set("Failed: " + failure.getMessage());
            } else if (!result.done()) {
                message.set(result.message());
            } else {
                dialog.setResult(result);
                dialog.close();
                onDone.accept(result);
            }
        }));
    }
}
