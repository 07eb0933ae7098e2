package org.vigil.ui.ward;

/**
 * What a bed tile's context menu and keys ask for (by bed id); the console carries them out through its station
 * actions. Called on the JavaFX thread; implementations must not block it.
 */
public interface BedTileActions {
    void acknowledgeBed(String bed);

    void pauseBedAudio(String bed);

    /** Opens the bed's limit editor. */
    void editLimits(String bed);

    /** Opens the admit dialog of the bed (EMR search, or by hand). */
    default void admit(String bed) {
    }

    /** Opens the discharge / transfer dialog of the bed's patient. */
    default void dischargeOrTransfer(String bed) {
    }

    /** Opens "Chart vitals" for the bed (C on a focused tile). */
    default void chartVitals(String bed) {
    }

    /** Opens the list of the bed's patient's charting events (pending, sent, refused). */
    default void chartingEvents(String bed) {
    }

    /** The review entries of the bed's menu (trends, full disclosure), made in one place by the review launcher. */
    default java.util.List<javafx.scene.control.MenuItem> reviewMenuItems(String bed) {
        return java.util.List.of();
    }
}
