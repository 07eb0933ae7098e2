package org.vigil.ui.users;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.vigil.ui.Styles;

/**
 * The login dialog and the first-run dialog: a username, one or two passwords, an error line. Enter submits (the
 * default button), Escape cancels. The dialog stays open while the action runs off the JavaFX thread and shows the
 * refusal's text; it closes when the action is done. Passwords are handed over as fresh arrays and the fields are
 * cleared. JavaFX thread only.
 */
public final class CredentialsDialog extends Dialog<StationActions.Result> {
    /** What the dialog submits: username, password, repeated password (null in the login dialog). */
    public interface Submit {
        CompletableFuture<StationActions.Result> submit(String username, char[] password, char[] repeated);
    }

    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField repeated;
    private final Label error = new Label();
    private boolean busy;

    private CredentialsDialog(Window owner, String title, String header, String okText, boolean repeat, Submit submit,
                              Consumer<StationActions.Result> onDone) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(title);
        setHeaderText(header);
        ButtonType ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(Styles.themeUrl());
        getDialogPane().getStyleClass().add("credentials-dialog");
        username.setId("login-username");
        password.setId("login-password");
        error.setId("login-error");
        error.getStyleClass().add("login-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Username"), username);
        grid.addRow(1, new Label("Password"), password);
        if (repeat) {
            repeated = new PasswordField();
            repeated.setId("login-password-repeat");
            grid.addRow(2, new Label("Password again"), repeated);
        } else {
            repeated = null;
        }
        grid.add(error, 0, 3, 2, 1);
        getDialogPane().setContent(grid);
        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.setId("login-submit");
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes only when the action is done
            if (busy) {
                return;
            }
            busy = true;
            error.setText("");
            char[] p = password.getText().toCharArray();
            char[] r = repeated == null ? null : repeated.getText().toCharArray();
            password.clear();
            if (repeated != null) {
                repeated.clear();
            }
            submit.submit(username.getText(), p, r).whenComplete((result, failure) -> Platform.runLater(() -> {
                busy = false;
                if (failure != null) {
                    error.setText("Failed: " + failure.getMessage());
                } else if (!result.done()) {
                    error.setText(result.message());
                    password.requestFocus();
                } else {
                    setResult(result);
                    close();
                    onDone.accept(result);
                }
            }));
        });
        setResultConverter(b -> null);
        setOnShown(e -> Platform.runLater(username::requestFocus));
    }

    /** The login dialog; {@code onLoggedIn} runs on the JavaFX thread after a successful login. */
    public static CredentialsDialog login(Window owner, StationActions actions, Consumer<StationActions.Result> onLoggedIn) {
        CredentialsDialog d = new CredentialsDialog(owner, "Log in", "Log in to this station", "Log in", false,
                (u, p, r) -> actions.logIn(u, p), onLoggedIn);
        d.setOnHidden(e -> d.password.clear());
        return d;
    }

    /** The first-run set-up: creates the first administrator; {@code onCreated} runs after it is stored. */
    public static CredentialsDialog firstRun(Window owner, StationActions actions,
                                             Consumer<StationActions.Result> onCreated) {
        CredentialsDialog d = new CredentialsDialog(owner, "First start: create the administrator",
                "No administrator exists yet. Create the administrator account of this station.",
                "Create administrator", true, actions::createFirstAdmin, onCreated);
        d.username.setText("admin");
        return d;
    }
}
