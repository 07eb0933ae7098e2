package org.vigil.ui.alarms;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import org.vigil.ui.Styles;

/**
 * The full-width banner under the alarm bar while an alarm is escalated (level 2 in a more prominent style); hidden
 * and taking no room otherwise. JavaFX thread only.
 */
public final class EscalationBannerView extends Label {
    public EscalationBannerView(EscalationBannerViewModel model) {
        setId("escalation-banner");
        getStyleClass().add(Styles.ESCALATION_BANNER);
        setMaxWidth(Double.MAX_VALUE);
        setAlignment(Pos.CENTER);
        textProperty().bind(model.textProperty());
        visibleProperty().bind(model.textProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        model.levelProperty().addListener((o, was, now) -> {
            if (now.intValue() >= 2) {
                if (!getStyleClass().contains(Styles.ESCALATION_LEVEL_2)) {
                    getStyleClass().add(Styles.ESCALATION_LEVEL_2);
                }
            } else {
                getStyleClass().remove(Styles.ESCALATION_LEVEL_2);
            }
        });
    }
}
