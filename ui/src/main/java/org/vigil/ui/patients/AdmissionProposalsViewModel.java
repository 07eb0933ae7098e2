package org.vigil.ui.patients;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vigil.data.emr.AdmissionProposal;

/**
 * The EMR's admission changes waiting for a nurse (they would move or remove a patient whose bed has live data),
 * shown as a banner until confirmed or put off. Holds state only. JavaFX thread only.
 */
public final class AdmissionProposalsViewModel {
    private final ObservableList<AdmissionProposal> waiting = FXCollections.observableArrayList();

    /** Takes the current list; the banner changes only when the set of changes does. */
    public void refresh(List<AdmissionProposal> now) {
        List<String> keys = now.stream().map(AdmissionProposal::key).toList();
        List<String> shown = waiting.stream().map(AdmissionProposal::key).toList();
        if (!keys.equals(shown)) {
            waiting.setAll(now);
        }
    }

    /** The line a nurse reads before confirming. */
    public static String text(AdmissionProposal p) {
        return p.describe() + ": " + switch (p.kind()) {
            case DISCHARGE -> "the bed still has live data";
            case TRANSFER, ADMIT -> "a bed with live data is affected";
        };
    }

    public ObservableList<AdmissionProposal> waiting() {
        return waiting;
    }
}
