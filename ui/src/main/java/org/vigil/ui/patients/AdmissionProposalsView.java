package org.vigil.ui.patients;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vigil.data.emr.AdmissionProposal;
import org.vigil.ui.Styles;
import org.vigil.ui.users.StationActions;

/**
 * A banner under the alarm bar: each EMR admission change that needs a nurse, with "Confirm" and "Not now". It is
 * hidden while there is none. JavaFX thread only.
 */
public final class AdmissionProposalsView extends VBox {

    /**
     * @param confirm  applies a change for the logged-in nurse (the service's {@code confirm})
     * @param dismiss  puts a change off
     * @param outcome  shows an outcome on the status line (JavaFX thread)
     */
    public AdmissionProposalsView(AdmissionProposalsViewModel model,
                                  Function<AdmissionProposal, CompletableFuture<StationActions.Result>> confirm,
                                  Consumer<AdmissionProposal> dismiss,
                                  Consumer<StationActions.Result> outcome) {
        getStyleClass().add(Styles.EMR_PROPOSALS);
        setId("emr-proposals");
        Runnable rebuild = () -> {
            getChildren().clear();
            int i = 0;
            for (AdmissionProposal p : model.waiting()) {
                Label text = new Label(AdmissionProposalsViewModel.text(p));
                text.getStyleClass().add(Styles.EMR_PROPOSAL_TEXT);
                Button yes = new Button("Confirm");
                yes.setId("emr-proposal-confirm-" + i);
                yes.setOnAction(e -> {
                    yes.setDisable(true);
                    confirm.apply(p).whenComplete((r, failure) -> javafx.application.Platform.runLater(() -> {
                        yes.setDisable(false);
                        outcome.accept(failure != null ? StationActions.Result.refused("Failed: " + failure.getMessage(), null) : r);
                    }));
                });
                Button later = new Button("Not now");
                later.setId("emr-proposal-dismiss-" + i);
                later.setOnAction(e -> {
                    dismiss.accept(p);
                    model.waiting().remove(p);
                });
                HBox row = new HBox(8, text, yes, later);
                row.setAlignment(Pos.CENTER_LEFT);
                getChildren().add(row);
                i++;
            }
            setVisible(!model.waiting().isEmpty());
            setManaged(!model.waiting().isEmpty());
        };
        model.waiting().addListener((ListChangeListener<AdmissionProposal>) c -> rebuild.run());
        rebuild.run();
    }
}
